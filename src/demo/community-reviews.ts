/**
 * The demo's reviews and recommendations, so that `serve --demo` shows both sections on a few works'
 * pages: hana and kenji each review works from their lists, the others vote on the reviews, and the
 * three suggest a handful of pairs of works and vote on them — each through the community rules
 * (community/), the same as the API's. Runs once: a database where a demo user has written a review
 * or suggested a recommendation is left as it is.
 */
import type { AppContext } from '../app/app-context.js'
import { findUserByName, type User } from '../accounts/users.js'
import { countReviews } from '../community/reviews/review-store.js'
import { rateReview, saveReview, type ReviewDeps, type ReviewRating } from '../community/reviews/review-actions.js'
import { countRecommendations } from '../community/recommendations/recommendation-store.js'
import { saveRecommendation } from '../community/recommendations/recommendation-actions.js'
import { loadMediaByIds } from '../catalog/media-store.js'
import { NO_POSTING_LIMIT } from '../social/posting-limit.js'

interface DemoReview {
  author: string
  mediaId: number
  score: number
  summary: string
  paragraphs: string[]
  votes: Array<[string, ReviewRating]>
}

const REVIEWS: readonly DemoReview[] = [
  {
    author: 'hana',
    mediaId: 1,
    score: 92,
    summary: 'A loose, jazzy space western whose best episodes feel like short films about people who cannot let go.',
    paragraphs: [
      'Cowboy Bebop is usually described by its soundtrack, and for good reason: the music sets the pace of nearly every scene, from the frantic chases to the long, quiet drifts between planets. But what stayed with me on this rewatch is how little the show cares about its bounty-of-the-week structure. The jobs mostly fail. The crew is almost always broke. The point of each episode is whoever they meet along the way, and what that stranger is running from.',
      'Spike, Jet, Faye, Ed and Ein are not a found family in the warm sense. They share a ship and a fridge that is usually empty, and they are careful not to ask one another too many questions. The series lets that distance stand for a long time, which makes the few moments where someone reaches out hit much harder. Jet in particular is quietly the heart of it: the only one who cooks, the only one who keeps the ship running, and the one who is left holding the pieces at the end.',
      'The episodic format means the quality swings. A handful of the comedic episodes are there to let the cast breathe and they mostly work, though one or two overstay their welcome. The standalone dramas are where it shines: the episodes about Faye\'s missing past, about Jet\'s old partner, about a harmonica player on a backwater moon are each complete little stories that could be shown on their own, and they are better for not being tied to a larger plot.',
      'The overarching Vicious and Julia storyline is thinner than its reputation suggests. It appears in only a few episodes and is told in flashes and glances rather than scenes. I used to think that was a weakness; now I think it is deliberate. Spike does not talk about his past because he has not made peace with it, and the show respects him enough not to explain him. The ending works because we have only been allowed to see the edges of what he lost.',
      'Visually it has aged remarkably well. The hand-drawn mechanical work, the grimy lived-in cities and the lighting in the church and the rain-soaked alleys still look better than most of what came after it. If you have never watched it, go in expecting an anthology rather than a serial, give it four or five episodes to find its rhythm, and let the last few sessions land on their own terms. It remains one of the easiest shows to recommend to someone who says they do not watch anime.',
    ],
    votes: [['kenji', 'UP_VOTE'], ['demo', 'UP_VOTE']],
  },
  {
    author: 'kenji',
    mediaId: 30,
    score: 78,
    summary: 'Brilliant, frustrating and more honest about depression than any robot show has a right to be.',
    paragraphs: [
      'Evangelion opens like a standard giant-robot series: a reluctant boy, a mysterious organisation, monsters that arrive one per episode. For the first third it is a very good version of that show, with inventive fights and a striking sense of scale. The angels are strange and genuinely unsettling, and the city that folds itself underground whenever one appears is one of the great settings of the genre.',
      'What makes it last is how quickly it stops caring about being that show. Shinji is not a hero waiting to grow into his role. He is a lonely, frightened teenager who pilots because it is the only way anyone will pay attention to him, and the series never pretends that this is healthy. Asuka and Rei are written with the same unsparing eye. Misato, who first appears as the cool older guardian, turns out to be just as lost as the children she is supposed to protect.',
      'The second half is where opinions split, and I understand both sides. The production famously ran short of time and money, and you can see it: long still frames, repeated footage, episodes that are mostly dialogue over black. Some of those limits produce the most memorable scenes in the series, such as the long elevator ride and the train carriage conversations. Others feel like exactly what they are, a team improvising under pressure.',
      'The final two episodes are less an ending than an argument, staged inside Shinji\'s head, about whether a person can choose to live with other people despite how much they hurt. On a first watch they are baffling. On a second they read as a sincere and slightly raw conclusion to everything the series had been saying. The later film gives the external story its resolution, and I think the two are best taken together rather than as rivals.',
      'I would not give it to someone looking for a tidy plot or a satisfying mystery box: the lore is mostly set dressing, and trying to solve it misses the point. I would give it to anyone interested in what the medium can do when a creator puts something personal and unresolved on screen. It is uneven and sometimes exhausting, and I have not stopped thinking about it since I first saw it.',
      'A practical note for first-timers: watch the original twenty-six episodes, then the film that replaces the last two, and only then decide how you feel about either ending. Skip the recap films entirely. And if the middle stretch starts to feel like a slog, keep going: the episodes right after it are some of the strongest in the run.',
    ],
    votes: [['hana', 'UP_VOTE'], ['demo', 'DOWN_VOTE']],
  },
  {
    author: 'hana',
    mediaId: 9253,
    score: 95,
    summary: 'A slow first half that pays off completely: the best time-travel story I have watched in any medium.',
    paragraphs: [
      'Steins;Gate asks for patience. Its first eleven or so episodes are mostly a group of friends in a cramped lab above a television repair shop, joking, arguing and testing a microwave that sends text messages to the past. Okabe, the self-styled mad scientist, is loud and theatrical and can be grating. If you stop here, you will think it is a pleasant hangout show with a gimmick, and you will miss almost everything that makes it special.',
      'The groundwork those episodes lay is the whole point. Every throwaway conversation, every small character detail and every seemingly harmless experiment becomes load-bearing once the story turns. When the consequences arrive, they arrive because of choices we watched the characters make for silly reasons, and that is what gives the second half its weight. Few stories earn their twists this honestly.',
      'Okabe\'s arc is the emotional centre. The performance he puts on for his friends starts to crack under the strain of remembering timelines no one else can, and the series finds a painful, human angle on what would otherwise be a puzzle. Kurisu is one of the most believable scientists in fiction: sharp, prickly and funny, and the slow build of their partnership is handled with real restraint. Mayuri, who seems like a simple comic presence at first, becomes the quiet reason for everything.',
      'The time-travel rules are explained clearly and then actually followed, which is rarer than it should be. The show is careful about what changes and what stays the same between worldlines, and the final episodes resolve its paradoxes in a way that feels earned rather than convenient. The ending is hopeful without being cheap, and it leaves just enough unsaid.',
      'The art is muted and a little washed out, which suits the story\'s summer-in-the-city mood, and the soundtrack is understated until it needs not to be. My advice is simple: commit to the first half as a character study, trust that the small things matter, and watch the rest as quickly as you can. It is one of the few series I have rewatched immediately after finishing it, just to see how much was hidden in plain sight.',
      'One warning: the dub and the subtitles translate Okabe\'s chuunibyou speeches quite differently, and his grandstanding lands better in the original. Whichever you choose, avoid spoilers at all costs. Even the opening sequence of the later episodes gives away more than it should, so it is worth skipping once the story turns.',
    ],
    votes: [['kenji', 'UP_VOTE'], ['demo', 'UP_VOTE']],
  },
]

/** Pairs of works: who suggests it (their up vote), then the others' votes. */
const RECOMMENDATIONS: ReadonlyArray<{ from: number; to: number; by: string; votes: Array<[string, 'RATE_UP' | 'RATE_DOWN']> }> = [
  { from: 1, to: 205, by: 'hana', votes: [['kenji', 'RATE_UP'], ['demo', 'RATE_UP']] },
  { from: 1, to: 6, by: 'kenji', votes: [['hana', 'RATE_UP']] },
  { from: 30, to: 2001, by: 'demo', votes: [['kenji', 'RATE_UP'], ['hana', 'RATE_DOWN']] },
  { from: 9253, to: 9756, by: 'kenji', votes: [['hana', 'RATE_UP'], ['demo', 'RATE_UP']] },
  { from: 9253, to: 13125, by: 'hana', votes: [] },
]

/** Seeds the reviews and recommendations where the demo users exist and have written none; returns whether it did. */
export async function seedDemoCommunity(ctx: AppContext): Promise<boolean> {
  const users = new Map<string, User>()
  for (const name of ['demo', 'hana', 'kenji']) {
    const user = await findUserByName(ctx.db, name)
    if (!user) return false
    users.set(name, user)
  }
  for (const user of users.values()) {
    if ((await countReviews(ctx.db, { filter: { userId: user.id }, sort: null, viewerId: user.id })) > 0) return false
    if ((await countRecommendations(ctx.db, { filter: { userId: user.id }, sort: null, viewerId: user.id })) > 0) return false
  }
  const works = await loadMediaByIds(ctx.db, [...REVIEWS.map((r) => r.mediaId), ...RECOMMENDATIONS.flatMap((r) => [r.from, r.to])])
  const deps: ReviewDeps = { db: ctx.db, clock: ctx.clock, postingLimit: NO_POSTING_LIMIT }
  const id = (name: string) => users.get(name)!.id
  for (const r of REVIEWS) {
    if (!works.has(r.mediaId)) continue
    const review = await saveReview(deps, id(r.author), { mediaId: r.mediaId, summary: r.summary, body: r.paragraphs.join('\n\n'), score: r.score, private: false })
    for (const [voter, rating] of r.votes) await rateReview(deps, id(voter), review.id, rating)
  }
  for (const r of RECOMMENDATIONS) {
    if (!works.has(r.from) || !works.has(r.to)) continue
    await saveRecommendation(deps, id(r.by), { mediaId: r.from, mediaRecommendationId: r.to, rating: 'RATE_UP' })
    for (const [voter, rating] of r.votes) await saveRecommendation(deps, id(voter), { mediaId: r.from, mediaRecommendationId: r.to, rating })
  }
  return true
}
