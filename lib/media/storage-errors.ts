/** Errors of the media storages, apart so each storage can throw them without importing the others. */

export class InvalidStorageKeyError extends Error {
  constructor() {
    super("Invalid media storage key.");
    this.name = "InvalidStorageKeyError";
  }
}

/**
 * The storage could not be reached or refused to work (network down, S3 answering 5xx, disk
 * full). Callers turn it into "try again" for the user; its message is for the log only.
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StorageUnavailableError";
  }
}
