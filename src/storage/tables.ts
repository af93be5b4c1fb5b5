/**
 * The shape of every table, for Kysely's typed queries. Times are Unix seconds (bigint columns read
 * back as numbers); booleans are 0/1 integers so that one schema serves SQLite and PostgreSQL.
 * Each table belongs to one module, named beside it; other modules call that module's functions.
 */
import type { Generated } from 'kysely'

/** accounts/users.ts */
export interface UsersTable {
  id: Generated<number>
  name: string
  /** Lower-cased name: names are unique regardless of case, as on AniList. */
  name_key: string
  email: string | null
  password_hash: string
  created_at: number
  updated_at: number
}

/** accounts/login-sessions.ts — the id column holds the SHA-256 of the cookie value, never the value. */
export interface SessionsTable {
  id: string
  user_id: number | null
  csrf_token: string
  created_at: number
  expires_at: number
}

/** web/server-secrets.ts — random keys the server made for itself (base64url), by purpose. */
export interface ServerSecretsTable {
  name: string
  value: string
  created_at: number
}

/** oauth/clients.ts */
export interface OAuthClientsTable {
  id: Generated<number>
  name: string
  /** SHA-256 (hex) of the client secret; the secret itself is shown once and never stored. Null for public clients. */
  secret_hash: string | null
  /** 1 for a public client (SPA, mobile, CLI): no secret, PKCE required. */
  is_public: Generated<number>
  /** JSON array of the registered redirect URIs, in registration order. */
  redirect_uris: string
  owner_user_id: number | null
  created_at: number
}

/** oauth/keys.ts */
export interface SigningKeysTable {
  kid: string
  alg: string
  public_jwk: string
  private_jwk: string
  created_at: number
}

/** oauth/tokens.ts — one row per issued access token, so that a token can be revoked by its jti. */
export interface OAuthAccessTokensTable {
  jti: string
  client_id: number
  user_id: number
  /** How the token was obtained: `implicit`, later `authorization_code`, `refresh_token`, `device_code`, `explorer` (oauth/explorer-tokens.ts). */
  grant_type: string
  /** The authorization code this token was exchanged for (its digest), so a replayed code can revoke it. */
  code_id: string | null
  /** The refresh token family this token belongs to, so reuse of a rotated refresh token revokes it. */
  family_id: string | null
  issued_at: number
  expires_at: number
  revoked_at: number | null
}

/** oauth/codes.ts — authorization codes, keyed by their SHA-256; single use, short-lived. */
export interface OAuthCodesTable {
  id: string
  client_id: number
  user_id: number
  redirect_uri: string
  /** 1 when the authorization request named redirect_uri, which the token request must then repeat. */
  redirect_uri_given: number
  code_challenge: string | null
  code_challenge_method: string | null
  created_at: number
  expires_at: number
  used_at: number | null
  /** When the code was presented again after its exchange (a replay); null if never. */
  replayed_at: Generated<number | null>
}

/** oauth/refresh-tokens.ts — keyed by SHA-256; each use rotates, reuse of a rotated one revokes the family. */
export interface OAuthRefreshTokensTable {
  id: string
  family_id: string
  client_id: number
  user_id: number
  created_at: number
  expires_at: number
  rotated_at: number | null
  revoked_at: number | null
}

/** oauth/approvals.ts — which user approved which client, for remembered consent and connected apps. */
export interface OAuthApprovalsTable {
  user_id: number
  client_id: number
  created_at: number
  updated_at: number
}

/** oauth/device-codes.ts — RFC 8628 device authorizations, keyed by the device code's SHA-256. */
export interface OAuthDeviceCodesTable {
  id: string
  user_code: string
  client_id: number
  /** pending, approved, denied or used. */
  status: string
  user_id: number | null
  interval_seconds: number
  created_at: number
  expires_at: number
  last_polled_at: number | null
}

/** accounts/profiles.ts — options are JSON (read and written whole, never searched). */
export interface UserProfilesTable {
  user_id: number
  about: string | null
  avatar: string | null
  banner_image: string | null
  options: string
  updated_at: number
}

/** lists/list-options.ts — a user's list options as JSON (read and written whole, never searched). */
export interface MediaListOptionsTable {
  user_id: number
  options: string
  updated_at: number
}

/** accounts/favourites.ts — a user's favourite works (and later characters, staff, studios), in order. */
export interface FavouritesTable {
  user_id: number
  /** ANIME or MANGA (CHARACTER, STAFF, STUDIO once the catalog has them). */
  item_type: string
  item_id: number
  /** 1-based place in the user's favourites of that type; new favourites go last. */
  position: number
  created_at: number
}

/**
 * catalog/media-store.ts — one row per AniList Media, keyed by AniList's id. Dates are stored both as
 * parts (FuzzyDate) and as AniList's FuzzyDateInt (YYYYMMDD, 0 for unknown parts) for filters and
 * sorts; synonyms and genres are JSON arrays; `search_text` holds every title and synonym normalised
 * (catalog/search-text.ts) for case-insensitive search. Synonyms, genres and relations are JSON arrays.
 */
export interface MediaTable {
  id: number
  id_mal: number | null
  type: string
  format: string | null
  status: string | null
  title_romaji: string | null
  title_english: string | null
  title_native: string | null
  synonyms: string
  genres: string
  /** JSON array of {id, relationType, edgeId?}: the related media's AniList id, how it relates, and AniList's edge id when imported. */
  relations: string
  search_text: string
  description: string | null
  start_year: number | null
  start_month: number | null
  start_day: number | null
  start_date: number | null
  end_year: number | null
  end_month: number | null
  end_day: number | null
  end_date: number | null
  season: string | null
  season_year: number | null
  episodes: number | null
  duration: number | null
  chapters: number | null
  volumes: number | null
  country_of_origin: string | null
  source: string | null
  is_licensed: number | null
  hashtag: string | null
  cover_extra_large: string | null
  cover_large: string | null
  cover_medium: string | null
  cover_color: string | null
  banner_image: string | null
  trailer_id: string | null
  trailer_site: string | null
  trailer_thumbnail: string | null
  average_score: number | null
  mean_score: number | null
  popularity: number
  favourites: number
  trending: number
  is_adult: number
  is_locked: number
  is_favourite_blocked: number
  is_recommendation_blocked: number
  is_review_blocked: number
  updated_at: number
}

/** catalog/media-store.ts — a media row's genres again, one row each, for genre filters. */
export interface MediaGenresTable {
  media_id: number
  genre: string
  genre_key: string
}

/**
 * lists/entry-store.ts — one list entry per (user, media). `media_type` is the media's type, copied
 * so that a user's anime or manga list is read without the catalog. Score is raw (0–100, 0 for none);
 * dates are FuzzyDate parts plus their FuzzyDateInt; `custom_lists` is a JSON array of the custom list
 * names the entry is in; `advanced_scores` a JSON object of advanced-scoring name to raw score.
 */
export interface MediaListTable {
  id: Generated<number>
  user_id: number
  media_id: number
  media_type: string
  status: string
  score: number
  progress: number
  progress_volumes: number
  repeat: number
  priority: number
  is_private: number
  notes: string | null
  hidden_from_status_lists: number
  custom_lists: string
  advanced_scores: string
  started_year: number | null
  started_month: number | null
  started_day: number | null
  started_date: number | null
  completed_year: number | null
  completed_month: number | null
  completed_day: number | null
  completed_date: number | null
  created_at: number
  updated_at: number
}

/** catalog/studios.ts — one row per AniList studio, by AniList's id; `search_text` as media's. */
export interface StudiosTable {
  id: number
  name: string
  is_animation_studio: number
  search_text: string
  updated_at: number
}

/** catalog/studios.ts — which studios made a work, in AniList's order; `is_main` for the main animation studio. */
export interface MediaStudiosTable {
  media_id: number
  studio_id: number
  is_main: number
  position: number
}

/** catalog/tags.ts — AniList's tags, by AniList's id; names and categories also lower-cased for filters. */
export interface TagsTable {
  id: number
  name: string
  name_key: string
  description: string | null
  category: string | null
  category_key: string | null
  is_general_spoiler: number
  is_adult: number
}

/** catalog/tags.ts — a work's tags, in AniList's order, with their rank (0–100) and spoiler flag. */
export interface MediaTagsTable {
  media_id: number
  tag_id: number
  rank: number | null
  is_media_spoiler: number
  position: number
}

/** catalog/external-links.ts — a work's links (INFO, STREAMING, SOCIAL), by AniList's link id. */
export interface MediaExternalLinksTable {
  id: number
  media_id: number
  url: string | null
  site: string
  site_key: string
  site_id: number | null
  type: string | null
  language: string | null
  color: string | null
  icon: string | null
  notes: string | null
  is_disabled: number
  position: number
}

/** catalog/external-links.ts — a work's streaming episodes, in order. */
export interface MediaStreamingEpisodesTable {
  media_id: number
  position: number
  title: string | null
  thumbnail: string | null
  url: string | null
  site: string | null
}

/** catalog/airing.ts — when each episode of an anime airs (Unix seconds); `generated` marks the demo's rows. */
export interface AiringScheduleTable {
  id: number
  media_id: number
  episode: number
  airing_at: number
  generated: number
}

/** people/person-store.ts — one row per AniList Character; name lists are JSON arrays. */
export interface CharactersTable {
  id: number
  name_first: string | null
  name_middle: string | null
  name_last: string | null
  name_full: string | null
  name_native: string | null
  name_alternative: string
  name_alternative_spoiler: string
  image_large: string | null
  image_medium: string | null
  description: string | null
  gender: string | null
  birth_year: number | null
  birth_month: number | null
  birth_day: number | null
  age: string | null
  blood_type: string | null
  is_favourite_blocked: number
  mod_notes: string | null
  search_text: string
  updated_at: number
}

/** people/person-store.ts — one row per AniList Staff; alternative names, occupations and years active are JSON arrays. */
export interface StaffTable {
  id: number
  name_first: string | null
  name_middle: string | null
  name_last: string | null
  name_full: string | null
  name_native: string | null
  name_alternative: string
  language_v2: string | null
  image_large: string | null
  image_medium: string | null
  description: string | null
  primary_occupations: string
  gender: string | null
  birth_year: number | null
  birth_month: number | null
  birth_day: number | null
  death_year: number | null
  death_month: number | null
  death_day: number | null
  age: number | null
  years_active: string
  home_town: string | null
  blood_type: string | null
  is_favourite_blocked: number
  mod_notes: string | null
  search_text: string
  updated_at: number
}

/** people/cast-store.ts — a character in a work: role (CharacterRole), cast order, the name used there. */
export interface MediaCharactersTable {
  media_id: number
  character_id: number
  role: string | null
  position: number
  character_name: string | null
  role_notes: string | null
  dub_group: string | null
}

/** people/cast-store.ts — who voices a character in a work, in which StaffLanguage. */
export interface CharacterVoiceActorsTable {
  media_id: number
  character_id: number
  staff_id: number
  language: string
  role_notes: string | null
  dub_group: string | null
  position: number
}

/** people/cast-store.ts — a staff member's role (free text) in a work, one row per role. */
export interface MediaStaffTable {
  media_id: number
  staff_id: number
  role: string
  position: number
}

/**
 * lists/figures/trends.ts — one snapshot per media and day (`date`: the day's start, Unix seconds, UTC)
 * of the figures AniList charts; `releasing` is 0/1, `in_progress` the entries watching or reading.
 */
export interface MediaTrendsTable {
  media_id: number
  date: number
  trending: number
  popularity: number | null
  average_score: number | null
  in_progress: number | null
  releasing: number
  episode: number | null
}

/** lists/figures/recompute.ts — a media's imported figures, kept aside while this server's lists supply them. */
export interface MediaFigureImportsTable {
  media_id: number
  average_score: number | null
  mean_score: number | null
  popularity: number
  favourites: number
  trending: number
}

/** lists/figures/rankings.ts — a work's places in the rankings, refreshed whole by the figures pass. */
export interface MediaRankingsTable {
  media_id: number
  /** 1–6: the ranking's place in Media.rankings' order. */
  position: number
  rank: number
  type: string
  format: string
  year: number | null
  season: string | null
  all_time: number
}

/** A work `kiroku pull` wrote from a remote endpoint (src/pull/): skipped by the next pull from there unless --refresh. */
export interface PulledMediaTable {
  endpoint: string
  media_id: number
  /** Unix seconds. */
  pulled_at: number
}

/** social/follows.ts — who follows whom. */
export interface FollowsTable {
  follower_id: number
  followed_id: number
  created_at: number
}

/** social/activity-store.ts — list, text and message activities (migration 0014 explains the columns). */
export interface ActivitiesTable {
  id: Generated<number>
  type: string
  /** The author of a text or list activity; the recipient of a message. */
  user_id: number
  messenger_id: number | null
  media_id: number | null
  status: string | null
  progress: string | null
  text: string | null
  is_private: Generated<number>
  is_locked: Generated<number>
  pinned_at: number | null
  created_at: number
}

/** social/reply-store.ts — replies to activities. */
export interface ActivityRepliesTable {
  id: Generated<number>
  activity_id: number
  user_id: number
  text: string
  created_at: number
}

/** social/likes.ts — who liked which activity or reply (threads and comments later). */
export interface LikesTable {
  likeable_type: string
  likeable_id: number
  user_id: number
  created_at: number
}

/** social/subscriptions.ts — who is told about new replies to an activity. */
export interface ActivitySubscriptionsTable {
  user_id: number
  activity_id: number
}

/** social/notification-store.ts — every notification a user has been sent. */
export interface NotificationsTable {
  id: Generated<number>
  user_id: number
  type: string
  actor_id: number | null
  activity_id: number | null
  media_id: number | null
  episode: number | null
  context: string | null
  reason: string | null
  /** JSON array of titles. */
  deleted_titles: string | null
  /** The forum's notifications: the thread, and the comment (0018_forum). */
  thread_id: number | null
  thread_comment_id: number | null
  is_read: Generated<number>
  created_at: number
}

/** social/airing-notifier.ts — the episodes whose airing has been announced. */
export interface AiringAnnouncementsTable {
  media_id: number
  episode: number
  announced_at: number
}

/** accounts/roles.ts — one row per role a user holds on the site's team. */
export interface UserRolesTable {
  user_id: number
  /** One of ROLES in accounts/roles.ts. */
  role: string
  granted_at: number
}

/** community/reviews/review-store.ts — one review per user and work (migration 0016 explains the columns). */
export interface ReviewsTable {
  id: Generated<number>
  user_id: number
  media_id: number
  media_type: string
  summary: string
  body: string
  score: number
  is_private: Generated<number>
  created_at: number
  updated_at: number
}

/** community/reviews/review-store.ts — each user's vote on a review: 1 up, -1 down. */
export interface ReviewRatingsTable {
  review_id: number
  user_id: number
  rating: number
  created_at: number
}

/** community/recommendations/recommendation-store.ts — pairs of works, smaller id first (migration 0017). */
export interface RecommendationsTable {
  id: Generated<number>
  media_id: number
  other_media_id: number
  user_id: number | null
  created_at: number
}

/** community/recommendations/recommendation-store.ts — each user's vote on a pair: 1 up, -1 down. */
export interface RecommendationRatingsTable {
  recommendation_id: number
  user_id: number
  rating: number
  created_at: number
}

/** accounts/previous-names.ts — the names a user held before renaming, one row per name given up. */
export interface UserPreviousNamesTable {
  id: Generated<number>
  user_id: number
  name: string
  name_key: string
  created_at: number
  updated_at: number
}

/** accounts/anichart.ts — one row per user who saved AniChart settings or highlights; both JSON objects. */
export interface AnichartUsersTable {
  user_id: number
  settings: string
  highlights: string
  updated_at: number
}

/** community/moderation/mod-actions.ts — what moderators did, as AniList's ModAction. */
export interface ModActionsTable {
  id: Generated<number>
  user_id: number | null
  mod_id: number | null
  type: string
  object_id: number | null
  object_type: string | null
  data: string | null
  created_at: number
}

/** community/forum/thread-store.ts — forum threads, with their newest comment's figures. */
export interface ForumThreadsTable {
  id: Generated<number>
  user_id: number
  title: string
  body: string
  is_locked: Generated<number>
  is_sticky: Generated<number>
  view_count: Generated<number>
  reply_count: Generated<number>
  reply_user_id: number | null
  reply_comment_id: number | null
  replied_at: number | null
  created_at: number
  updated_at: number
}

/** community/forum/thread-store.ts — a thread's categories (ids of community/forum/categories.ts). */
export interface ForumThreadCategoriesTable {
  thread_id: number
  category_id: number
}

/** community/forum/thread-store.ts — the works a thread is about (mediaCategories). */
export interface ForumThreadMediaTable {
  thread_id: number
  media_id: number
}

/** community/forum/comment-store.ts — thread comments, nested by parent_id. */
export interface ForumCommentsTable {
  id: Generated<number>
  thread_id: number
  user_id: number
  parent_id: number | null
  depth: Generated<number>
  comment: string
  is_locked: Generated<number>
  created_at: number
  updated_at: number
}

/** community/forum/thread-subscriptions.ts — who is told about new comments in a thread. */
export interface ForumSubscriptionsTable {
  user_id: number
  thread_id: number
}

/** community/moderation/reports.ts — users' reports of forum posts, open until a moderator clears them. */
export interface ReportsTable {
  id: Generated<number>
  reporter_id: number | null
  reported_id: number | null
  object_type: string
  object_id: number
  reason: string
  created_at: number
  cleared_at: number | null
  cleared_by: number | null
}

export interface Tables {
  users: UsersTable
  sessions: SessionsTable
  server_secrets: ServerSecretsTable
  oauth_clients: OAuthClientsTable
  signing_keys: SigningKeysTable
  oauth_access_tokens: OAuthAccessTokensTable
  oauth_codes: OAuthCodesTable
  oauth_refresh_tokens: OAuthRefreshTokensTable
  oauth_approvals: OAuthApprovalsTable
  oauth_device_codes: OAuthDeviceCodesTable
  user_profiles: UserProfilesTable
  media_list_options: MediaListOptionsTable
  favourites: FavouritesTable
  media: MediaTable
  media_genres: MediaGenresTable
  media_list: MediaListTable
  studios: StudiosTable
  media_studios: MediaStudiosTable
  tags: TagsTable
  media_tags: MediaTagsTable
  media_external_links: MediaExternalLinksTable
  media_streaming_episodes: MediaStreamingEpisodesTable
  airing_schedule: AiringScheduleTable
  characters: CharactersTable
  staff: StaffTable
  media_characters: MediaCharactersTable
  character_voice_actors: CharacterVoiceActorsTable
  media_staff: MediaStaffTable
  media_trends: MediaTrendsTable
  media_figure_imports: MediaFigureImportsTable
  media_rankings: MediaRankingsTable
  pulled_media: PulledMediaTable
  follows: FollowsTable
  activities: ActivitiesTable
  activity_replies: ActivityRepliesTable
  likes: LikesTable
  activity_subscriptions: ActivitySubscriptionsTable
  notifications: NotificationsTable
  airing_announcements: AiringAnnouncementsTable
  user_roles: UserRolesTable
  reviews: ReviewsTable
  review_ratings: ReviewRatingsTable
  recommendations: RecommendationsTable
  recommendation_ratings: RecommendationRatingsTable
  user_previous_names: UserPreviousNamesTable
  anichart_users: AnichartUsersTable
  mod_actions: ModActionsTable
  forum_threads: ForumThreadsTable
  forum_thread_categories: ForumThreadCategoriesTable
  forum_thread_media: ForumThreadMediaTable
  forum_comments: ForumCommentsTable
  forum_subscriptions: ForumSubscriptionsTable
  reports: ReportsTable
}
