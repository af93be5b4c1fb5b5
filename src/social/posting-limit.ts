/**
 * How often one user may post (text activities, messages, replies): the social layer asks before it
 * writes, and the server decides how counts are kept (app/posting-limit.ts: memory, or Redis shared
 * by every instance). Over the limit a post is refused with AniList's 429.
 */
import { KirokuError } from '../errors/kiroku-error.js'

/** Counts one post of a user and says whether it is within the limit. */
export interface PostingLimit {
  allow(userId: number): Promise<boolean>
}

/** No limit (POSTING_LIMIT_PER_MINUTE=0, and tests of the stores). */
export const NO_POSTING_LIMIT: PostingLimit = { allow: async () => true }

/** A post over the user's limit: AniList's 429 "Too Many Requests.". */
export class PostingLimitError extends KirokuError {
  readonly code = 'too_many_posts'
  override readonly status = 429
  constructor() {
    super('Too Many Requests.')
  }
}

/** Throws the 429 when the user has posted their limit this minute; counts the post otherwise. */
export async function checkPostingLimit(limit: PostingLimit, userId: number): Promise<void> {
  if (!(await limit.allow(userId))) throw new PostingLimitError()
}
