// src/cli/options.ts
import { InvalidArgumentError } from "commander";
function parsePort(value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`Expected a port between 0 and 65535, got \`${value}\`.`);
  }
  return port;
}
function parsePositiveInt(value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`Expected a positive integer, got \`${value}\`.`);
  return n;
}
function parseNonNegativeInt(value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`Expected an integer >= 0, got \`${value}\`.`);
  return n;
}
function parseByteSize(value) {
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`Expected a size such as 1048576, 512kb or 10mb, got \`${value}\`.`);
  const unit = (match[2] ?? "b").toLowerCase();
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit];
  return Number(match[1]) * factor;
}

export {
  parsePort,
  parsePositiveInt,
  parseNonNegativeInt,
  parseByteSize
};
