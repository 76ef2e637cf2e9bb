import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { MediaStorageConfig } from "@/lib/env";
import { contentTypeForKey, isVariantKey } from "./keys";
import type { MediaStorage, StoredObject, StoredObjectInfo } from "./storage";
import { InvalidStorageKeyError, StorageUnavailableError } from "./storage-errors";

type S3Config = Extract<MediaStorageConfig, { kind: "s3" }>;

/**
 * Images in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, …), so instances without a shared
 * disk share them. Objects are private to the bucket: every image still goes out through
 * GET /media/<key>, which decides who may see it (drafts' images are staff-only).
 *
 * A PUT is atomic in S3 (an object appears whole or not at all), so no temporary key is needed.
 * Failures to reach the bucket become StorageUnavailableError; "no such key" is null.
 */
export function createS3Storage(config: S3Config): MediaStorage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    // Self-hosted S3 servers answer on one host name, not on a host name per bucket.
    forcePathStyle: config.endpoint !== undefined,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // One retry covers a dropped connection; a bucket that is down must fail the upload in
    // seconds with a clear message, not hold the uploader's request for a minute.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 20_000 },
  });

  function objectKey(key: string): string {
    if (!isVariantKey(key)) throw new InvalidStorageKeyError();
    return config.prefix + key;
  }

  function typeOf(key: string): string {
    const type = contentTypeForKey(key);
    if (!type) throw new InvalidStorageKeyError();
    return type;
  }

  async function send<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new StorageUnavailableError(`S3 ${what} failed (bucket ${config.bucket}${config.endpoint ? ` at ${config.endpoint}` : ""}).`, { cause: error });
    }
  }

  return {
    async put(key, body, contentType) {
      if (typeOf(key) !== contentType) throw new Error(`Content type ${contentType} does not match the key's extension.`);
      const Key = objectKey(key);
      await send(`PUT ${key}`, () => client.send(new PutObjectCommand({ Bucket: config.bucket, Key, Body: body, ContentType: contentType, ContentLength: body.byteLength })));
    },
    async get(key, range) {
      if (!isVariantKey(key)) return null;
      const Key = objectKey(key);
      return send(`GET ${key}`, async () => {
        try {
          const out = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
          if (!out.Body) return null;
          const bytes = await out.Body.transformToByteArray();
          const body = new Uint8Array(new ArrayBuffer(bytes.byteLength));
          body.set(bytes);
          const total = totalSize(out.ContentRange) ?? out.ContentLength ?? body.byteLength;
          const object: StoredObject = { key, bytes: total, contentType: typeOf(key), etag: quoted(out.ETag), body };
          return object;
        } catch (error) {
          if (isNotFound(error)) return null;
          throw error;
        }
      });
    },
    async stat(key) {
      if (!isVariantKey(key)) return null;
      const Key = objectKey(key);
      return send(`HEAD ${key}`, async () => {
        try {
          const out = await client.send(new HeadObjectCommand({ Bucket: config.bucket, Key }));
          const info: StoredObjectInfo = { key, bytes: out.ContentLength ?? 0, contentType: typeOf(key), etag: quoted(out.ETag) };
          return info;
        } catch (error) {
          if (isNotFound(error)) return null;
          throw error;
        }
      });
    },
    async delete(key) {
      const Key = objectKey(key);
      // S3 answers 204 for a key that is not there, which is what "already gone" should be.
      await send(`DELETE ${key}`, () => client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key })));
    },
    async *list() {
      let ContinuationToken: string | undefined;
      do {
        const page = await send("LIST", () =>
          client.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: config.prefix || undefined, ContinuationToken })),
        );
        for (const item of page.Contents ?? []) {
          const key = item.Key?.slice(config.prefix.length);
          if (key && isVariantKey(key)) yield key;
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) return error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404;
  return false;
}

/** "bytes 0-99/1234" -> 1234. */
function totalSize(contentRange: string | undefined): number | null {
  const match = contentRange?.match(/\/(\d+)$/);
  return match ? Number(match[1]) : null;
}

function quoted(etag: string | undefined): string {
  if (!etag) return '""';
  return etag.startsWith('"') || etag.startsWith('W/"') ? etag : `"${etag}"`;
}
