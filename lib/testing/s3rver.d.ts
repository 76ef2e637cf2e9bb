/** The parts of s3rver (a local S3 server, dev dependency, no types of its own) the tests use. */
declare module "s3rver" {
  import type { Server } from "node:http";
  type Options = {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    configureBuckets?: Array<{ name: string }>;
    resetOnClose?: boolean;
  };
  export default class S3rver {
    constructor(options: Options);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    httpServer?: Server;
    /** After each write (put, copy, post, delete). */
    on(event: "event", listener: (event: unknown) => void): this;
  }
}
