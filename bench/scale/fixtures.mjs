// The data every scale run serves, made through Kiroku's own modules (the built dist/) in the parent
// before any instance starts: a user and a confidential client with an access token (Viewer), and a
// second user whose anime list holds 1,000 entries over 1,000 imported works (MediaListCollection).
// The same function fills the PostgreSQL database and the SQLite file, so both serve the same rows.
import path from 'node:path'

const STATUSES = ['CURRENT', 'COMPLETED', 'PLANNING', 'DROPPED', 'PAUSED']

/** An AniList-shaped import document of `count` small works (ids 1..count). */
function works(from, count) {
  return Array.from({ length: count }, (_, i) => {
    const id = from + i
    return { id, type: 'ANIME', format: 'TV', status: 'FINISHED', episodes: 12 + (id % 14), title: { romaji: `Scale Work ${id}`, english: `Scale Work ${id} (EN)` } }
  })
}

/** Fills the database at `url`; returns what the load needs (never printed: the token is a secret). */
export async function makeFixtures(root, url, { entries = 1000 } = {}) {
  const dist = (file) => import(path.join(root, 'dist', file))
  const [{ buildServer }, { loadConfig }, { createUser }, { createClient }, { writeAniListImport, readAniListImport }, { saveEntry }] = await Promise.all([
    dist('app/build-server.js'), dist('app/config.js'), dist('accounts/users.js'), dist('oauth/clients.js'),
    dist('people/import/anilist-import.js'), dist('lists/save.js'),
  ])
  // Built but never listening: buildServer gives the context (keys, tokens) the fixtures need.
  const app = await buildServer({ ...loadConfig({ database: url, port: 0 }, { RATE_LIMIT_PER_MINUTE: '0' }), logLevel: 'warn' })
  try {
    const { db, clock } = app.kiroku
    const viewer = await createUser(db, clock, { name: 'scaleviewer', password: 'scale-password-1' })
    const { client } = await createClient(db, clock, { name: 'Scale', redirectUris: ['https://scale.example/cb'] })
    const { accessToken } = await app.kiroku.tokens.issue({ clientId: client.id, userId: viewer.id, grantType: 'implicit' })
    for (let from = 1; from <= entries; from += 500) {
      await writeAniListImport(db, clock, readAniListImport(works(from, Math.min(500, entries - from + 1))))
    }
    // Through the list's own save, as an app would write it: statuses and scores vary like a real list.
    const lister = await createUser(db, clock, { name: 'scalelist', password: 'scale-password-1' })
    for (let mediaId = 1; mediaId <= entries; mediaId++) {
      const status = STATUSES[mediaId % STATUSES.length]
      await saveEntry(db, clock, lister.id, { mediaId, status, progress: status === 'COMPLETED' ? null : mediaId % 12, score: (mediaId % 10) + 1 })
    }
    return { accessToken, viewerId: viewer.id, listUserId: lister.id, entries }
  } finally {
    await app.close()
  }
}
