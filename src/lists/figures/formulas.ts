/**
 * How Kiroku turns a work's list entries into AniList's figures. Pure arithmetic, so the rules are
 * written and tested in one place; recompute.ts gathers the counts.
 *
 * - popularity: how many users have the work on their list, any status, private entries included (as
 *   on AniList: a private entry hides who, not that someone tracks it).
 * - meanScore: the plain mean of the non-zero scores (raw 0–100) of public entries, rounded; null
 *   when nobody scored it. Private scores stay out of every score figure, so a work one person rated
 *   privately does not reveal the score.
 * - averageScore: a Bayesian mean, AniList's "weighted" score, so a work with a single 100 does not
 *   top the chart: (PRIOR_WEIGHT × prior + Σ scores) / (PRIOR_WEIGHT + n), where the prior is the
 *   mean of every public non-zero score on the server; null below MIN_SCORES scores.
 * - favourites: how many users favourited it.
 * - trending: list activity in the last TRENDING_WINDOW seconds: entries added or changed in that
 *   time (private ones too: they are activity, and no one is named). It decays as days pass: the daily
 *   snapshot job recomputes every work whose trending is above zero.
 */

/** Scores needed before a work gets an averageScore. */
export const MIN_SCORES = 3
/** How many imaginary scores at the server's mean pull a work's averageScore toward it. */
export const PRIOR_WEIGHT = 5
/** The span of list activity trending counts: two days, as AniList's trending page follows short bursts. */
/** Seconds in a day: trends are daily, in UTC. */
export const DAY = 86_400

export const TRENDING_WINDOW = 2 * DAY

/** The raw counts one aggregate query gathers for a work. */
export interface ListCounts {
  entries: number
  scored: number
  scoreSum: number
  recent: number
}

export function meanScoreOf(c: ListCounts): number | null {
  return c.scored === 0 ? null : Math.round(c.scoreSum / c.scored)
}

/** The weighted score; `prior` is the server-wide mean score (null when nothing is scored anywhere). */
export function averageScoreOf(c: ListCounts, prior: number | null): number | null {
  if (c.scored < MIN_SCORES) return null
  const p = prior ?? c.scoreSum / c.scored
  return Math.round((PRIOR_WEIGHT * p + c.scoreSum) / (PRIOR_WEIGHT + c.scored))
}

/** The start of the UTC day holding `seconds`: the `date` of that day's trend snapshot. */
export function dayStart(seconds: number): number {
  return Math.floor(seconds / DAY) * DAY
}
