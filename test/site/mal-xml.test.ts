/** The import and export pages over app.inject(): multipart uploads built by hand, CSRF, limits, downloads. */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { listServer } from '../helpers/lists.js'
import { TEST_DIALECT } from '../helpers/database.js'
import type { TestServer } from '../helpers/server.js'
import { loadUserEntriesForMedia } from '../../src/lists/entry-store.js'
import { parseMalXml, readMalXml } from '../../src/lists/mal-xml/parse.js'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mal')
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name))

type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string }

/** A multipart/form-data body with the parts in the order given. */
function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = '----kirokuTestBoundary7MA4YWxkTrZu0gW'
  const chunks: Buffer[] = []
  for (const part of parts) {
    if ('filename' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type ?? 'application/xml'}\r\n\r\n`))
      chunks.push(part.content, Buffer.from('\r\n'))
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`))
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

async function upload(app: FastifyInstance, browser: Browser, parts: Part[]) {
  const { payload, contentType } = multipart(parts)
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  return app.inject({ method: 'POST', url: '/settings/import', payload, headers: { 'content-type': contentType, cookie } })
}

let s: TestServer
let app: FastifyInstance
beforeAll(async () => {
  s = await listServer()
  app = s.app
})
afterAll(async () => app.close())

/** A logged-in browser for a new user, and the import form's CSRF token. */
async function newUser(name: string) {
  const user = await makeUser(app, name)
  const browser = await loggedInBrowser(app, user)
  const form = await browser.get('/settings/import')
  expect(form.statusCode).toBe(200)
  return { user, browser, token: csrfToken(form.body) }
}

const textOf = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ')

describe(`the import page on ${TEST_DIALECT}`, () => {
  it('asks a visitor to log in first, for every page of the area', async () => {
    const visitor = new Browser(app)
    for (const url of ['/settings/import', '/settings/export', '/settings/export/animelist.xml']) {
      const res = await visitor.get(url)
      expect(res.statusCode).toBe(303)
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`)
    }
    const posted = await app.inject({ method: 'POST', url: '/settings/import', ...(() => { const m = multipart([]); return { payload: m.payload, headers: { 'content-type': m.contentType } } })() })
    expect(posted.statusCode).toBe(303)
  })

  it('shows a labelled file input and overwrite checkbox, with the CSRF field before the file', async () => {
    const { browser } = await newUser('formlook')
    const html = (await browser.get('/settings/import')).body
    expect(html).toContain('enctype="multipart/form-data"')
    expect(html).toMatch(/<label for="mal-file">[^<]+<\/label>\s*<input id="mal-file" name="file" type="file"/)
    expect(html).toMatch(/<input id="mal-overwrite" name="overwrite" type="checkbox"[^>]*>\s*<label for="mal-overwrite">/)
    expect(html.indexOf('name="csrf_token"')).toBeLessThan(html.indexOf('name="file"'))
  })

  it('imports an uploaded file and lists the counts and every entry not imported', async () => {
    const { user, browser, token } = await newUser('uploader')
    const res = await upload(app, browser, [{ name: 'csrf_token', value: token }, { name: 'file', filename: 'animelist.xml', content: fixture('animelist.xml') }])
    expect(res.statusCode).toBe(200)
    const text = textOf(res.body)
    expect(text).toContain('6 added, 0 updated, 0 kept as they were, 2 not imported.')
    expect(text).toContain("One Piece (the manga's id, by mistake) anime #13 MAL id 13 is a manga in this catalog, not an anime.")
    expect(text).toContain('Kiroku Obscure OVA anime #99999999 No anime with MAL id 99999999 is in this catalog.')
    expect(res.body).toContain(`href="/user/uploader/animelist"`)
    expect((await loadUserEntriesForMedia(app.kiroku.db, user.id, [1])).get(1)).toMatchObject({ status: 'COMPLETED', score: 90 })

    // Again, gzipped and with the checkbox (sent after the file, as a browser sends the form's order): the entries are replaced.
    const again = await upload(app, browser, [
      { name: 'csrf_token', value: token }, { name: 'file', filename: 'mangalist.xml.gz', content: fixture('mangalist.xml.gz'), type: 'application/gzip' },
    ])
    expect(textOf(again.body)).toContain('4 added, 0 updated, 0 kept as they were, 0 not imported.')
    const kept = await upload(app, browser, [{ name: 'csrf_token', value: token }, { name: 'file', filename: 'animelist.xml', content: fixture('animelist.xml') }])
    expect(textOf(kept.body)).toContain('0 added, 0 updated, 6 kept as they were, 2 not imported.')
    const replaced = await upload(app, browser, [
      { name: 'csrf_token', value: token }, { name: 'file', filename: 'animelist.xml', content: fixture('animelist.xml') }, { name: 'overwrite', value: 'on' },
    ])
    expect(textOf(replaced.body)).toContain('0 added, 6 updated, 0 kept as they were, 2 not imported.')
  })

  it('refuses an upload without the CSRF token, with a wrong one, or with the file before it, and imports nothing', async () => {
    const { user, browser, token } = await newUser('csrfcheck')
    const file = { name: 'file', filename: 'animelist.xml', content: fixture('animelist.xml') }
    for (const parts of [[file], [{ name: 'csrf_token', value: 'wrong' }, file], [file, { name: 'csrf_token', value: token }]]) {
      const res = await upload(app, browser, parts)
      expect(res.statusCode).toBe(403)
      expect(res.body).toContain('Form expired')
    }
    // A urlencoded post is no upload either.
    expect((await browser.post('/settings/import', { csrf_token: token })).statusCode).toBe(403)
    expect((await loadUserEntriesForMedia(app.kiroku.db, user.id, [1, 5114])).size).toBe(0)
  })

  it('answers a bad, missing or oversized file with the form and a clear message, never a 5xx', async () => {
    const { browser, token } = await newUser('badfiles')
    const send = (content: Buffer, filename = 'list.xml') => upload(app, browser, [{ name: 'csrf_token', value: token }, { name: 'file', filename, content }])
    const cases: Array<[Buffer, number, string]> = [
      [fixture('entity-expansion.xml'), 400, 'declares a DOCTYPE or entities'],
      [fixture('malformed.xml'), 400, 'not well-formed XML (line 7)'],
      [fixture('nul.xml'), 400, 'NUL character'],
      [fixture('not-mal.xml'), 400, 'root element is <rss>'],
      [Buffer.alloc(0), 400, 'Choose the MyAnimeList XML file to import.'],
      [Buffer.alloc(10 * 1024 * 1024 + 10, 0x20), 413, 'The file is larger than 10 MB'],
    ]
    for (const [content, status, message] of cases) {
      const res = await send(content)
      expect(res.statusCode, message).toBe(status)
      expect(textOf(res.body)).toContain(message)
      expect(res.body).toContain('name="file" type="file"')
    }
    const noFile = await upload(app, browser, [{ name: 'csrf_token', value: token }])
    expect(noFile.statusCode).toBe(400)
  })

  it('accepts a file larger than the default body limit', async () => {
    const { browser, token } = await newUser('bigfile')
    const padded = Buffer.concat([fixture('animelist.xml'), Buffer.from(`<!-- ${'x'.repeat(3 * 1024 * 1024)} -->\n`)])
    const res = await upload(app, browser, [{ name: 'csrf_token', value: token }, { name: 'file', filename: 'animelist.xml', content: padded }])
    expect(res.statusCode).toBe(200)
    expect(textOf(res.body)).toContain('6 added')
  })
})

describe(`the export page on ${TEST_DIALECT}`, () => {
  it('links the two downloads, which are attachments holding what was imported', async () => {
    const { browser, token } = await newUser('exporter')
    await upload(app, browser, [{ name: 'csrf_token', value: token }, { name: 'file', filename: 'animelist.xml', content: fixture('animelist.xml') }])
    const page = await browser.get('/settings/export')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('href="/settings/export/animelist.xml"')
    expect(page.body).toContain('href="/settings/export/mangalist.xml"')
    expect(textOf(page.body)).toContain('6 entries')
    const download = await browser.get('/settings/export/animelist.xml')
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('application/xml; charset=utf-8')
    expect(download.headers['content-disposition']).toBe('attachment; filename="exporter-animelist.xml"')
    expect(download.headers['cache-control']).toBe('private, no-store')
    const expected = readMalXml(fixture('animelist.xml')).entries.filter((e) => e.malId !== 13 && e.malId !== 99999999).map((e) => e.malId).sort((a, b) => a - b)
    expect(parseMalXml(download.body).entries.map((e) => e.malId).sort((a, b) => a - b)).toEqual(expected)
    const manga = await browser.get('/settings/export/mangalist.xml')
    expect(parseMalXml(manga.body)).toMatchObject({ exportType: 'MANGA', entries: [] })
    expect((await browser.get('/settings/export/other.xml')).statusCode).toBe(404)
    expect((await browser.get('/settings/export/__proto__')).statusCode).toBe(404)
  })
})
