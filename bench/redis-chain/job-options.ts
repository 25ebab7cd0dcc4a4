// Job options of the raw BullMQ baseline, as a careful user would set them: motia's default retries (3 after the
// first attempt), and completed jobs removed (BullMQ keeps them all by default, which would grow Redis).
export const JOB_OPTIONS = { attempts: 4, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 }
