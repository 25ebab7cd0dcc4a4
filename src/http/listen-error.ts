import { MotiaError } from '../errors.js'

/** The error `listen()` failed with, as a MotiaError that names the fix (the original stays as `cause`). */
export function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new MotiaError('E_PORT_IN_USE', `Port ${port} on ${host} is already in use: stop the other server or choose another port (--port or PORT).`, {
      cause: error,
      retryable: false,
    })
  }
  if (error.code === 'EACCES') {
    return new MotiaError('E_BAD_OPTION', `Not allowed to listen on ${host}:${port}: choose a port above 1023.`, {
      cause: error,
      retryable: false,
    })
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new MotiaError('E_BAD_OPTION', `Cannot listen on host "${host}": it is not an address of this machine.`, {
      cause: error,
      retryable: false,
    })
  }
  return error
}
