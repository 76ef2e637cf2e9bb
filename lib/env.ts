/**
 * The only reader of process.env. Every setting is validated here so a bad value stops start-up
 * with one clear line instead of failing somewhere deep inside a request.
 */
import path from "node:path";
import { z } from "@/lib/validation/zod";
import { parseImageOrigins } from "./security/image-sources.mjs";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const postgresUrlSchema = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname.length > 0;
    } catch {
      return false;
    }
  },
  { message: "DATABASE_URL is not a valid PostgreSQL URL (expected postgres://user:password@host:5432/database)." },
);

/** Unset and empty mean the same: `FOO= npm start` must not count as a setting. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
    .pipe(postgresUrlSchema.optional()),
  DATELINE_DATA_DIR: z.string().optional(),
  DATELINE_UPLOADS_DIR: z.string().optional(),
  DATELINE_S3_BUCKET: optionalText,
  DATELINE_S3_ENDPOINT: optionalText.pipe(z.url("DATELINE_S3_ENDPOINT must be a full URL such as https://s3.example.org.").optional()),
  DATELINE_S3_REGION: optionalText,
  DATELINE_S3_ACCESS_KEY_ID: optionalText,
  DATELINE_S3_SECRET_ACCESS_KEY: optionalText,
  DATELINE_S3_PREFIX: optionalText.pipe(
    z.string().regex(/^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*\/?$/, "DATELINE_S3_PREFIX may hold letters, digits, . _ - and / only.").optional(),
  ),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters.").optional(),
  NEXTAUTH_URL: z.string().url("NEXTAUTH_URL must be a full URL such as https://news.example.org.").optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  DATELINE_SCHEDULER: z.enum(["on", "off"]).optional(),
  DATELINE_TRUSTED_PROXIES: z.coerce
    .number({ message: "DATELINE_TRUSTED_PROXIES must be the number of reverse proxies in front of Dateline (0 when none)." })
    .int()
    .min(0)
    .max(10)
    .optional(),
  DATELINE_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).optional(),
  DATELINE_E2E_HOOKS: z.enum(["0", "1"], { message: "DATELINE_E2E_HOOKS must be 1 (test hooks on) or 0." }).optional(),
  DATELINE_FRONT_CACHE: z.enum(["on", "off"], { message: "DATELINE_FRONT_CACHE must be on or off." }).optional(),
  DATELINE_IMAGE_ORIGINS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseImageOrigins(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  DATELINE_WORKERS: z.coerce
    .number({ message: "DATELINE_WORKERS must be a whole number from 0 to 64." })
    .int("DATELINE_WORKERS must be a whole number from 0 to 64.")
    .min(0, "DATELINE_WORKERS must be a whole number from 0 to 64.")
    .max(64, "DATELINE_WORKERS must be a whole number from 0 to 64.")
    .optional(),
  DATELINE_PURGE_URLS: z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((url) => url.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, message: "DATELINE_PURGE_URLS must be a comma-separated list of http:// or https:// URLs." }))),
  DATELINE_SHARED_MAX_AGE: z.coerce
    .number({ message: "DATELINE_SHARED_MAX_AGE must be a number of seconds." })
    .int("DATELINE_SHARED_MAX_AGE must be a whole number of seconds.")
    .min(0, "DATELINE_SHARED_MAX_AGE must be a number of seconds.")
    .max(31_536_000, "DATELINE_SHARED_MAX_AGE must be at most a year (31536000 seconds).")
    .optional(),
  NODE_ENV: z.string().optional(),
  NEXT_PHASE: z.string().optional(),
  CI: z.string().optional(),
});

/** Where uploaded images are kept: a folder, or an S3-compatible bucket shared by every instance. */
export type MediaStorageConfig =
  | { kind: "filesystem"; root: string }
  | {
      kind: "s3";
      bucket: string;
      /** Unset for AWS itself; set for any other S3-compatible service (then path-style URLs). */
      endpoint: string | undefined;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      /** Key prefix inside the bucket, ending in "/" (or empty). */
      prefix: string;
    };

export type Env = {
  databaseUrl: string | undefined;
  dataDir: string;
  uploadsDir: string;
  mediaStorage: MediaStorageConfig;
  port: number;
  authSecret: string | undefined;
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  schedulerEnabled: boolean;
  schedulerIntervalMs: number;
  /** Reverse proxies in front of the server whose X-Forwarded-For entries are believed. */
  trustedProxies: number;
  /** Test-only routes under /api/test-hooks (end-to-end tests and benchmarks); never in production. */
  e2eHooks: boolean;
  /** https origins an admin allows story images from besides /media/ (DATELINE_IMAGE_ORIGINS). */
  imageOrigins: string[];
  /** Shared caches (Varnish, a CDN) told about every public change by cache tag. */
  purgeUrls: string[];
  isProduction: boolean;
  isBuildPhase: boolean;
};

let cached: Env | undefined;

/** Validated settings. Throws ConfigError with a one-line, fixable message. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") ?? "environment";
    throw new ConfigError(issue?.message.includes(field) ? issue.message : `${field}: ${issue?.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATELINE_DATA_DIR ?? ".data");
  const uploadsDir = path.resolve(/*turbopackIgnore: true*/ e.DATELINE_UPLOADS_DIR ?? path.join(dataDir, "uploads"));
  const s3Settings = [e.DATELINE_S3_ENDPOINT, e.DATELINE_S3_REGION, e.DATELINE_S3_ACCESS_KEY_ID, e.DATELINE_S3_SECRET_ACCESS_KEY, e.DATELINE_S3_PREFIX];
  if (!e.DATELINE_S3_BUCKET && s3Settings.some((v) => v !== undefined)) {
    throw new ConfigError("DATELINE_S3_BUCKET is not set, so the other DATELINE_S3_* settings would be ignored: set the bucket or remove them.");
  }
  if (e.DATELINE_S3_BUCKET && (!e.DATELINE_S3_ACCESS_KEY_ID || !e.DATELINE_S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError("DATELINE_S3_BUCKET needs DATELINE_S3_ACCESS_KEY_ID and DATELINE_S3_SECRET_ACCESS_KEY.");
  }
  const mediaStorage: MediaStorageConfig = e.DATELINE_S3_BUCKET
    ? {
        kind: "s3",
        bucket: e.DATELINE_S3_BUCKET,
        endpoint: e.DATELINE_S3_ENDPOINT,
        region: e.DATELINE_S3_REGION ?? "us-east-1",
        accessKeyId: e.DATELINE_S3_ACCESS_KEY_ID!,
        secretAccessKey: e.DATELINE_S3_SECRET_ACCESS_KEY!,
        prefix: e.DATELINE_S3_PREFIX ? e.DATELINE_S3_PREFIX.replace(/\/?$/, "/") : "",
      }
    : { kind: "filesystem", root: uploadsDir };
  cached = {
    databaseUrl: e.DATABASE_URL,
    dataDir,
    uploadsDir,
    mediaStorage,
    port: e.PORT ?? 3000,
    authSecret: e.NEXTAUTH_SECRET,
    publicUrl: e.NEXTAUTH_URL,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM ?? "Dateline <no-reply@localhost>",
    schedulerEnabled: (e.DATELINE_SCHEDULER ?? "on") === "on",
    schedulerIntervalMs: e.DATELINE_SCHEDULER_INTERVAL_MS ?? 10_000,
    trustedProxies: e.DATELINE_TRUSTED_PROXIES ?? 0,
    e2eHooks: e.DATELINE_E2E_HOOKS === "1",
    imageOrigins: e.DATELINE_IMAGE_ORIGINS,
    purgeUrls: e.DATELINE_PURGE_URLS,
    isProduction: e.NODE_ENV === "production",
    isBuildPhase: e.NEXT_PHASE === "phase-production-build",
  };
  return cached;
}

/** Tests change the environment between cases; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}
