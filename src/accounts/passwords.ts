/** Password hashing with Argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane). */
// Loaded on the first password hashed or checked, not at start-up: the API's requests never need it,
// and a start that waits for no login starts sooner without it.
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined
const loadArgon2 = () => (argon2 ??= import('@node-rs/argon2'))

const ARGON2ID = 2 // @node-rs/argon2's Algorithm.Argon2id; a const enum, so named here.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const MIN_PASSWORD_LENGTH = 8
export const MAX_PASSWORD_LENGTH = 256

export async function hashPassword(password: string): Promise<string> {
  return (await loadArgon2()).hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await (await loadArgon2()).verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verified against when the user does not exist, so that a wrong name costs as long as a wrong password
// and login timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('kiroku-dummy-password-for-timing')
  return dummyHash
}
