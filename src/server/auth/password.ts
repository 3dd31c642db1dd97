/** Password hashing with argon2id (OWASP's recommended parameters). */
import { hash, verify } from "@node-rs/argon2";

// The library's default algorithm is Argon2id (its const enum cannot be imported under
// isolatedModules); the unit test checks that stored hashes start with `$argon2id$`.
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so response times do not reveal which usernames exist. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy password that never matches");
  await verifyPassword(await dummyHash, password);
  return false;
}
