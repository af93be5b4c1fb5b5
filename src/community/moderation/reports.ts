/**
 * Reports: a user tells the moderators about a forum thread or comment, with a reason; a moderator
 * clears it once dealt with, which the moderators' record keeps (a REPORT action). This module owns the
 * `reports` table. Who is reported is the author of what was reported, named by the caller (the forum's
 * rows are the forum's to read).
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import type { Window } from '../../query/paging.js'
import { ValidationError } from '../../errors/refusals.js'
import { recordModAction } from './mod-actions.js'

/** What can be reported, in AniList's type names. */
export const REPORTABLE_TYPES = ['Thread', 'ThreadComment'] as const
export type ReportableType = (typeof REPORTABLE_TYPES)[number]

/** The longest reason: a few sentences for the moderators, not a post of its own. */
export const MAX_REPORT_REASON = 1000

export interface NewReport {
  reporterId: number
  /** The author of what is reported. */
  reportedId: number
  objectType: ReportableType
  objectId: number
  reason: string
}

/** AniList's Report, with what it names. */
export interface Report {
  id: number
  reporterId: number | null
  reportedId: number | null
  objectType: string
  objectId: number
  reason: string
  createdAt: number
  cleared: boolean
}

function toReport(row: { id: number; reporter_id: number | null; reported_id: number | null; object_type: string; object_id: number; reason: string; created_at: number; cleared_at: number | null }): Report {
  return {
    id: row.id,
    reporterId: row.reporter_id,
    reportedId: row.reported_id,
    objectType: row.object_type,
    objectId: row.object_id,
    reason: row.reason,
    createdAt: Number(row.created_at),
    cleared: row.cleared_at !== null,
  }
}

/** Files a report; the reason is required and at most MAX_REPORT_REASON characters. */
export async function fileReport(db: Kysely<Tables>, clock: Clock, input: NewReport): Promise<Report> {
  const reason = input.reason.trim()
  if (reason === '') throw new ValidationError({ reason: ['Say what is wrong with it.'] })
  if (reason.length > MAX_REPORT_REASON) throw new ValidationError({ reason: [`The reason may be at most ${MAX_REPORT_REASON} characters.`] })
  if (input.reporterId === input.reportedId) throw new ValidationError({ reason: ['You cannot report your own post: edit or delete it instead.'] })
  const row = { reporter_id: input.reporterId, reported_id: input.reportedId, object_type: input.objectType, object_id: input.objectId, reason, created_at: clock(), cleared_at: null }
  const { id } = await db.insertInto('reports').values(row).returning('id').executeTakeFirstOrThrow()
  return toReport({ id, ...row })
}

/** Open reports oldest first (the queue), or cleared ones newest first. */
export async function listReports(db: Kysely<Tables>, filter: { cleared: boolean }, window: Window): Promise<Report[]> {
  const base = db.selectFrom('reports').selectAll()
  const query = filter.cleared ? base.where('cleared_at', 'is not', null).orderBy('id', 'desc') : base.where('cleared_at', 'is', null).orderBy('id', 'asc')
  return (await query.limit(window.limit).offset(window.offset).execute()).map(toReport)
}

export async function countReports(db: Kysely<Tables>, filter: { cleared: boolean }): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cleared_at', filter.cleared ? 'is not' : 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Clears an open report and records it; false when it does not exist or was cleared already. */
export async function clearReport(db: Kysely<Tables>, clock: Clock, id: number, modId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom('reports').selectAll().where('id', '=', id).where('cleared_at', 'is', null).executeTakeFirst()
    if (!report) return false
    await trx.updateTable('reports').set({ cleared_at: clock(), cleared_by: modId }).where('id', '=', id).execute()
    await recordModAction(trx, clock, { modId, userId: report.reported_id, type: 'REPORT', objectId: report.object_id, objectType: report.object_type, data: JSON.stringify({ report: id }) })
    return true
  })
}
