/**
 * Issue 15's forum (src/community/forum/): threads, their categories and linked works, nested comments,
 * thread subscriptions, and the thread columns of notifications.
 *
 * A thread keeps its newest comment's figures (reply_count, replied_at, reply_user_id,
 * reply_comment_id) on its row, refreshed by the forum in the transaction that adds or removes a
 * comment: Page.threads sorts by them, and a correlated count per row would make the forum's default
 * order (sticky, then newest reply) read every comment. Deleting a thread takes its comments,
 * categories, links, subscriptions and notifications with it (foreign keys); likes have no foreign key
 * and are deleted by the forum.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../db.js'
import { idColumn } from './columns.js'

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('forum_threads')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_sticky', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    // The newest comment: not foreign keys, the forum rewrites them whenever a comment comes or goes.
    .addColumn('reply_user_id', 'integer')
    .addColumn('reply_comment_id', 'integer')
    .addColumn('replied_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('forum_threads_by_user').on('forum_threads').columns(['user_id', 'id']).execute()
  await db.schema.createIndex('forum_threads_by_reply_user').on('forum_threads').columns(['reply_user_id']).execute()
  // The forum's default order: sticky first, then the newest reply.
  await db.schema.createIndex('forum_threads_by_activity').on('forum_threads').columns(['is_sticky', 'replied_at']).execute()

  await db.schema
    .createTable('forum_thread_categories')
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('forum_threads.id').onDelete('cascade'))
    // One of community/forum/categories.ts: a fixed list, so no table of its own.
    .addColumn('category_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('forum_thread_categories_pk', ['thread_id', 'category_id'])
    .execute()
  await db.schema.createIndex('forum_thread_categories_by_category').on('forum_thread_categories').columns(['category_id', 'thread_id']).execute()

  await db.schema
    .createTable('forum_thread_media')
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('forum_threads.id').onDelete('cascade'))
    // Not a foreign key: a work leaving the catalog leaves the thread, without that link.
    .addColumn('media_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('forum_thread_media_pk', ['thread_id', 'media_id'])
    .execute()
  await db.schema.createIndex('forum_thread_media_by_media').on('forum_thread_media').columns(['media_id', 'thread_id']).execute()

  await db.schema
    .createTable('forum_comments')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('forum_threads.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The comment replied to; null for a comment on the thread itself. Its deletion takes the replies.
    .addColumn('parent_id', 'integer', (c) => c.references('forum_comments.id').onDelete('cascade'))
    // 0 for a comment on the thread, the parent's depth + 1 for a reply (capped by the forum).
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('forum_comments_by_thread').on('forum_comments').columns(['thread_id', 'id']).execute()
  await db.schema.createIndex('forum_comments_by_parent').on('forum_comments').columns(['parent_id', 'id']).execute()
  await db.schema.createIndex('forum_comments_by_user').on('forum_comments').columns(['user_id', 'id']).execute()

  await db.schema
    .createTable('forum_subscriptions')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('forum_threads.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('forum_subscriptions_pk', ['thread_id', 'user_id'])
    .execute()
  await db.schema.createIndex('forum_subscriptions_by_user').on('forum_subscriptions').columns(['user_id', 'thread_id']).execute()

  // The thread notifications name their thread and comment; deleting either takes the notification.
  await db.schema.alterTable('notifications').addColumn('thread_id', 'integer', (c) => c.references('forum_threads.id').onDelete('cascade')).execute()
  await db.schema.alterTable('notifications').addColumn('thread_comment_id', 'integer', (c) => c.references('forum_comments.id').onDelete('cascade')).execute()
}
