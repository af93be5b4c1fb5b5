/**
 * /settings/import and /settings/export: a user's list in and out as a MyAnimeList XML export
 * (lists/mal-xml/). The upload is a multipart form whose first field is the CSRF token, checked
 * before the file is read; the file is capped at the parser's size limit, in this scope only.
 *
 * The import answers its POST with the result page itself rather than a redirect: the report (every
 * entry not imported) can run to thousands of lines, and no server-side store for it exists. A reload
 * that posts again is harmless: with "keep" (the default) a second import changes nothing and says
 * so, and with "overwrite" it writes the same entries again.
 */
import { redirectToLogin } from '../../web/login-redirect.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fastifyMultipart from '@fastify/multipart'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { CsrfError } from '../../web/csrf.js'
import { countUserEntries } from '../../lists/entry-store.js'
import { MAX_MAL_XML_BYTES, MAX_MAL_XML_ENTRIES, MalXmlError, readMalXml } from '../../lists/mal-xml/parse.js'
import { importMalXml } from '../../lists/mal-xml/import.js'
import { exportMalXml } from '../../lists/mal-xml/export.js'
import type { MediaType } from '../../catalog/media.js'

export const IMPORT_PATH = '/settings/import'
export const EXPORT_PATH = '/settings/export'
const EXPORT_FILES: Record<string, MediaType> = { 'animelist.xml': 'ANIME', 'mangalist.xml': 'MANGA' }
const FILE_FIELD = 'file'
const MEGABYTES = MAX_MAL_XML_BYTES / 1024 / 1024

const loginFirst = redirectToLogin

/** A multipart error from the size limits: its code, when it is one. */
function limitCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^FST_(REQ_FILE_TOO_LARGE|PARTS_LIMIT|FILES_LIMIT|FIELDS_LIMIT)$/.test(code) ? code : null
}

interface Upload {
  bytes: Buffer | null
  overwrite: boolean
}

/** Reads the form: the CSRF token first (checked before any file byte is read), then the file and the checkbox. */
async function readUpload(request: FastifyRequest, sessions: SessionControls): Promise<Upload> {
  if (!request.isMultipart()) throw new CsrfError()
  const upload: Upload = { bytes: null, overwrite: false }
  let checked = false
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (part.fieldname === 'csrf_token' && !checked) {
        // The session check reads the token from the body, as for every other form.
        request.body = { csrf_token: part.value }
        sessions.checkCsrf(request)
        checked = true
      } else if (part.fieldname === 'overwrite') upload.overwrite = part.value === 'on' || part.value === '1' || part.value === 'true'
      continue
    }
    if (!checked) throw new CsrfError()
    if (part.fieldname !== FILE_FIELD || upload.bytes !== null) {
      part.file.resume()
      continue
    }
    upload.bytes = await part.toBuffer()
  }
  if (!checked) throw new CsrfError()
  return upload
}

export function registerMalXmlRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const importForm = (request: FastifyRequest, reply: FastifyReply, error: string | null = null, status = 200) =>
    ctx.views.page(request, reply, 'site/mal-xml/import', { title: 'Import a list', section: 'settings', styles: ['site/settings.css', 'site/mal-xml.css'], error, megabytes: MEGABYTES, maxEntries: MAX_MAL_XML_ENTRIES }, status)

  void app.register(async (uploads) => {
    // Multipart bodies only here: one file, a few small fields, the parser's size cap.
    await uploads.register(fastifyMultipart, { limits: { fileSize: MAX_MAL_XML_BYTES, files: 1, fields: 4, parts: 6, fieldSize: 1024, headerPairs: 50 } })

    uploads.get(IMPORT_PATH, async (request, reply) => {
      if (!request.user) return loginFirst(reply, IMPORT_PATH)
      return importForm(request, reply)
    })

    uploads.post(IMPORT_PATH, async (request, reply) => {
      if (!request.user) return loginFirst(reply, IMPORT_PATH)
      let upload: Upload
      try {
        upload = await readUpload(request, sessions)
      } catch (error) {
        const code = limitCode(error)
        if (code === 'FST_REQ_FILE_TOO_LARGE') return importForm(request, reply, `The file is larger than ${MEGABYTES} MB, more than any list export.`, 413)
        if (code) return importForm(request, reply, 'Send one file with the form, nothing more.', 413)
        throw error
      }
      if (upload.bytes === null || upload.bytes.length === 0) return importForm(request, reply, 'Choose the MyAnimeList XML file to import.', 400)
      let file
      try {
        file = readMalXml(upload.bytes)
      } catch (error) {
        if (error instanceof MalXmlError) return importForm(request, reply, error.message, 400)
        throw error
      }
      const report = await importMalXml(ctx.db, ctx.clock, request.user.id, file, { overwrite: upload.overwrite })
      return ctx.views.page(request, reply, 'site/mal-xml/import-result', {
        title: 'Import finished',
        section: 'settings',
        styles: ['site/settings.css', 'site/mal-xml.css'],
        report,
        overwrite: upload.overwrite,
        userName: request.user.name,
      })
    })
  })

  app.get(EXPORT_PATH, async (request, reply) => {
    if (!request.user) return loginFirst(reply, EXPORT_PATH)
    const user = request.user
    const lists = []
    for (const [fileName, type] of Object.entries(EXPORT_FILES)) {
      const count = await countUserEntries(ctx.db, user.id, type)
      const skipped = count === 0 ? [] : (await exportMalXml(ctx.db, user, type)).skipped
      lists.push({ fileName, type, word: type === 'ANIME' ? 'anime' : 'manga', count, skipped })
    }
    return ctx.views.page(request, reply, 'site/mal-xml/export', { title: 'Export your lists', section: 'settings', styles: ['site/settings.css', 'site/mal-xml.css'], lists })
  })

  app.get(`${EXPORT_PATH}/:file`, async (request, reply) => {
    const fileName = (request.params as { file: string }).file
    const type = Object.hasOwn(EXPORT_FILES, fileName) ? EXPORT_FILES[fileName]! : null
    if (!type) return ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
    if (!request.user) return loginFirst(reply, `${EXPORT_PATH}/${fileName}`)
    const { xml } = await exportMalXml(ctx.db, request.user, type)
    const safeName = request.user.name.replace(/[^A-Za-z0-9_-]/g, '_')
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${safeName}-${fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(xml)
  })
}
