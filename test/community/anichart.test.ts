/**
 * AniChartUser, UpdateAniChartSettings and UpdateAniChartHighlights: the viewer's own data, stored
 * per user, merged (settings) or replaced (highlights), validated in AniList's shape, and refused
 * without a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { userWithToken } from '../helpers/users.js'
import { graphql } from '../helpers/flow.js'
import { MAX_HIGHLIGHTS } from '../../src/accounts/anichart.js'

let s: TestServer
let alice: { token: string; user: { id: number } }
let bob: { token: string; user: { id: number } }

beforeAll(async () => {
  s = await testServer()
  alice = await userWithToken(s.app, 'alice')
  bob = await userWithToken(s.app, 'bob')
})
afterAll(async () => s.app.close())

const SETTINGS = `mutation ($t: String, $o: String, $th: String, $s: String) {
  UpdateAniChartSettings(titleLanguage: $t, outgoingLinkProvider: $o, theme: $th, sort: $s)
}`
const HIGHLIGHTS = 'mutation ($h: [AniChartHighlightInput]) { UpdateAniChartHighlights(highlights: $h) }'
const READ = '{ AniChartUser { user { id name } settings highlights } }'

describe('AniChartUser', () => {
  it('answers empty objects for a viewer who saved nothing', async () => {
    const res = await graphql(s.app, READ, bob.token)
    expect(res.body).toEqual({ data: { AniChartUser: { user: { id: bob.user.id, name: 'bob' }, settings: {}, highlights: {} } } })
  })

  it('needs a token, as AniList’s viewer fields do', async () => {
    const res = await graphql(s.app, READ)
    expect(res.status).toBe(401)
    expect(res.body.errors[0]).toMatchObject({ message: 'Unauthorized.', status: 401 })
  })
})

describe('UpdateAniChartSettings', () => {
  it('stores the settings given, keeps those left null, removes one sent empty, and answers all of them', async () => {
    const first = await graphql(s.app, SETTINGS, alice.token, { t: 'ENGLISH', o: 'ANILIST', th: 'dark', s: 'POPULARITY' })
    expect(first.body).toEqual({ data: { UpdateAniChartSettings: { titleLanguage: 'ENGLISH', outgoingLinkProvider: 'ANILIST', theme: 'dark', sort: 'POPULARITY' } } })
    const second = await graphql(s.app, SETTINGS, alice.token, { th: 'light', s: '' })
    expect(second.body.data.UpdateAniChartSettings).toEqual({ titleLanguage: 'ENGLISH', outgoingLinkProvider: 'ANILIST', theme: 'light' })
    const read = await graphql(s.app, READ, alice.token)
    expect(read.body.data.AniChartUser.settings).toEqual(second.body.data.UpdateAniChartSettings)
    // Another user's data is their own.
    expect((await graphql(s.app, READ, bob.token)).body.data.AniChartUser.settings).toEqual({})
  })

  it('refuses markup and overlong values with a validation error per field, storing nothing', async () => {
    const res = await graphql(s.app, SETTINGS, alice.token, { t: '<script>', th: 'x'.repeat(33) })
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ message: 'validation', status: 400 })
    expect(Object.keys(res.body.errors[0].validation).sort()).toEqual(['theme', 'titleLanguage'])
    expect((await graphql(s.app, READ, alice.token)).body.data.AniChartUser.settings.theme).toBe('light')
  })

  it('needs a token', async () => {
    const res = await graphql(s.app, SETTINGS, undefined, { t: 'ENGLISH' })
    expect(res.status).toBe(401)
    expect(res.body.errors[0]).toMatchObject({ message: 'Unauthorized.', status: 401 })
  })
})

describe('UpdateAniChartHighlights', () => {
  it('replaces the highlights with those given, leaving out entries without a highlight, and keeps the settings', async () => {
    const first = await graphql(s.app, HIGHLIGHTS, alice.token, { h: [{ mediaId: 1, highlight: 'green' }, { mediaId: 20, highlight: 'red' }, { mediaId: 5, highlight: null }, null] })
    expect(first.body).toEqual({ data: { UpdateAniChartHighlights: { 1: 'green', 20: 'red' } } })
    const second = await graphql(s.app, HIGHLIGHTS, alice.token, { h: [{ mediaId: 20, highlight: 'blue' }] })
    expect(second.body.data.UpdateAniChartHighlights).toEqual({ 20: 'blue' })
    const read = (await graphql(s.app, READ, alice.token)).body.data.AniChartUser
    expect(read.highlights).toEqual({ 20: 'blue' })
    expect(read.settings.titleLanguage).toBe('ENGLISH')
  })

  it('refuses a bad media id, a bad highlight and too many highlights', async () => {
    const bad = await graphql(s.app, HIGHLIGHTS, alice.token, { h: [{ mediaId: 0, highlight: 'green' }, { mediaId: 3, highlight: 'a b' }] })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.errors[0].validation).sort()).toEqual(['highlights.0.mediaId', 'highlights.1.highlight'])
    const many = await graphql(s.app, HIGHLIGHTS, alice.token, { h: Array.from({ length: MAX_HIGHLIGHTS + 1 }, (_, i) => ({ mediaId: i + 1, highlight: 'x' })) })
    expect(many.status).toBe(400)
    expect(many.body.errors[0].validation).toHaveProperty('highlights')
    expect((await graphql(s.app, READ, alice.token)).body.data.AniChartUser.highlights).toEqual({ 20: 'blue' })
  })

  it('needs a token', async () => {
    const res = await graphql(s.app, HIGHLIGHTS, undefined, { h: [] })
    expect(res.status).toBe(401)
  })
})
