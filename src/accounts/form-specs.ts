/** The text fields of the login and sign-up forms, and the longest value each may hold. */
import type { TextFieldSpec } from '../web/form-fields.js'
import { MAX_PASSWORD_LENGTH } from './passwords.js'

// A user name is at most 20 characters; the rest leaves room for stray spaces, not for megabytes.
const NAME: TextFieldSpec = { label: 'username', maxLength: 100 }
// No account has a longer password: sign-up and the CLI refuse one.
const PASSWORD: TextFieldSpec = { label: 'password', maxLength: MAX_PASSWORD_LENGTH }
// A new password is judged by the account rules (users.ts), whose message gives both bounds; this
// only keeps absurd input from going further.
const NEW_PASSWORD: TextFieldSpec = { label: 'password', maxLength: 4 * MAX_PASSWORD_LENGTH }
// RFC 5321's longest address.
const EMAIL: TextFieldSpec = { label: 'email', maxLength: 254 }
// Where to go afterwards: a path on this site (web/safe-next.ts refuses longer ones anyway).
const NEXT: TextFieldSpec = { label: 'next field', maxLength: 4000 }

export const LOGIN_FIELDS = { name: NAME, password: PASSWORD, next: NEXT } as const
export const SIGNUP_FIELDS = { name: NAME, email: EMAIL, password: NEW_PASSWORD, next: NEXT } as const
