import "server-only";
import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id floor: 19 MiB of memory, 2 iterations, 1 lane.
export const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/**
 * A real hash made with ARGON2_OPTIONS (password.test.ts keeps the two in step). A constant rather
 * than computed on first use, so even the first unknown email after a restart costs exactly one
 * verification, like a wrong password.
 */
export const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$1Omi/W4N/qDmIzDVOYuUiQ$XCZeVTLQqNeeSvDMwfXtK7u/3vnxU4VXKtVYq2wUR7I";

/**
 * Verifies a password; with no stored hash it verifies against the dummy one anyway, so an unknown
 * email costs the same time as a wrong password and timing tells an attacker nothing.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    await verify(DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
