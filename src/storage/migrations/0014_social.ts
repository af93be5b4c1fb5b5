/**
 * Issue 14's social layer (src/social/): follows, activities and their replies, likes, activity
 * subscriptions and notifications.
 *
 * Every row names its users with a cascading foreign key, so deleting an account removes what it wrote,
 * liked and followed, and the notifications it caused. Reply and like counts are not stored: they are
 * counted from the rows when read (an index per count), so they can never drift from the rows.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../db.js'
import { idColumn } from './columns.js'

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('follows')
    .addColumn('follower_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('followed_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('follows_pk', ['follower_id', 'followed_id'])
    .execute()
  // A user's followers (and "does X follow me") read this one; the primary key answers "whom X follows".
  await db.schema.createIndex('follows_by_followed').on('follows').columns(['followed_id', 'follower_id']).execute()

  await db.schema
    .createTable('activities')
    .addColumn('id', 'integer', idColumn(dialect))
    // TEXT, ANIME_LIST, MANGA_LIST or MESSAGE (AniList's ActivityType; MEDIA_LIST is only a filter).
    .addColumn('type', 'text', (c) => c.notNull())
    // Whose activity it is: the author of a text or list activity, the recipient of a message (the
    // profile it is posted on), which is what AniList's userId filter matches.
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // Who wrote a message; null for other types.
    .addColumn('messenger_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    // The work of a list activity. Not a foreign key: a work removed from the catalog leaves the activity, without its media.
    .addColumn('media_id', 'integer')
    // A list activity's wording: AniList's status ("watched episode") and progress ("4" or "1 - 4").
    .addColumn('status', 'text')
    .addColumn('progress', 'text')
    // The markdown of a text activity or a message.
    .addColumn('text', 'text')
    .addColumn('is_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0))
    // When the owner pinned it to their profile (Unix seconds); null when not pinned.
    .addColumn('pinned_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  // A user's activities newest first (profiles, the following feed, the merge of list activities).
  await db.schema.createIndex('activities_by_user').on('activities').columns(['user_id', 'id']).execute()
  await db.schema.createIndex('activities_by_messenger').on('activities').columns(['messenger_id', 'id']).execute()
  await db.schema.createIndex('activities_by_media').on('activities').columns(['media_id', 'id']).execute()

  await db.schema
    .createTable('activity_replies')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('activity_replies_by_activity').on('activity_replies').columns(['activity_id', 'id']).execute()
  await db.schema.createIndex('activity_replies_by_user').on('activity_replies').columns(['user_id']).execute()

  await db.schema
    .createTable('likes')
    // ACTIVITY or ACTIVITY_REPLY (and THREAD, THREAD_COMMENT with the forum): AniList's LikeableType.
    .addColumn('likeable_type', 'text', (c) => c.notNull())
    // Not a foreign key (it names rows of several tables): the social module deletes an item's likes with it.
    .addColumn('likeable_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('likes_pk', ['likeable_type', 'likeable_id', 'user_id'])
    .execute()
  await db.schema.createIndex('likes_by_user').on('likes').columns(['user_id', 'likeable_type', 'likeable_id']).execute()

  await db.schema
    .createTable('activity_subscriptions')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('activity_subscriptions_pk', ['activity_id', 'user_id'])
    .execute()
  await db.schema.createIndex('activity_subscriptions_by_user').on('activity_subscriptions').columns(['user_id', 'activity_id']).execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', idColumn(dialect))
    // Who is notified.
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // AniList's NotificationType.
    .addColumn('type', 'text', (c) => c.notNull())
    // The user who caused it (followed, replied, liked, mentioned, messaged); null for media notifications.
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    // The activity it is about: a deleted activity takes its notifications with it.
    .addColumn('activity_id', 'integer', (c) => c.references('activities.id').onDelete('cascade'))
    // The work of an airing or media notification. Not a foreign key: a deletion notification outlives its work.
    .addColumn('media_id', 'integer')
    .addColumn('episode', 'integer')
    // A media notification's free text: the change (context) and why (reason).
    .addColumn('context', 'text')
    .addColumn('reason', 'text')
    // JSON array of titles: the works merged into this one, or the deleted work's title.
    .addColumn('deleted_titles', 'text')
    .addColumn('is_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('notifications_by_user').on('notifications').columns(['user_id', 'id']).execute()
  // The unread count on every page header: the unread rows of one user.
  await db.schema.createIndex('notifications_unread').on('notifications').columns(['user_id', 'is_read']).execute()

  // What the airing scheduler has announced: one row per episode, so that any number of instances (or
  // a restart) announce each episode once (src/social/airing-notifier.ts).
  await db.schema
    .createTable('airing_announcements')
    .addColumn('media_id', 'integer', (c) => c.notNull())
    .addColumn('episode', 'integer', (c) => c.notNull())
    .addColumn('announced_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('airing_announcements_pk', ['media_id', 'episode'])
    .execute()
}
