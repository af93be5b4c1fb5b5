/**
 * The moderation and submission types are declared for parity only: as on AniList's public schema,
 * no field reachable from Query or Mutation leads to InternalPage or the submission, report and mod
 * action types, so no resolver of theirs can run (and none invents data).
 */
import { describe, expect, it } from 'vitest'
import { buildSchema, getNamedType, isInterfaceType, isObjectType, isUnionType, type GraphQLSchema } from 'graphql'
import { loadSchemaSdl } from '../../src/graphql/schema.js'

const DECLARED_ONLY = ['InternalPage', 'MediaSubmission', 'MediaSubmissionComparison', 'MediaSubmissionEdge', 'MediaCharacter', 'CharacterSubmission', 'StaffSubmission', 'RevisionHistory', 'Report', 'ModAction', 'UserModData', 'CharacterSubmissionConnection', 'CharacterSubmissionEdge']

/** Every output type a query or mutation can reach. */
function reachable(schema: GraphQLSchema): Set<string> {
  const seen = new Set<string>()
  const queue = [schema.getQueryType()!, schema.getMutationType()!].map((t) => t.name)
  while (queue.length > 0) {
    const name = queue.pop()!
    if (seen.has(name)) continue
    seen.add(name)
    const type = schema.getType(name)
    if (isObjectType(type) || isInterfaceType(type)) for (const field of Object.values(type.getFields())) queue.push(getNamedType(field.type).name)
    if (isUnionType(type)) for (const member of type.getTypes()) queue.push(member.name)
  }
  return seen
}

describe('the moderation types', () => {
  it('are all declared in Kiroku’s schema', () => {
    const schema = buildSchema(loadSchemaSdl())
    for (const name of [...DECLARED_ONLY, 'ModActionType', 'SubmissionStatus', 'SubmissionSort', 'RevisionHistoryAction', 'MediaTitleInput', 'AiringScheduleInput', 'MediaExternalLinkInput', 'CharacterNameInput', 'StaffNameInput']) {
      expect(schema.getType(name), name).toBeDefined()
    }
  })

  it('are reached by no query or mutation', () => {
    const kiroku = reachable(buildSchema(loadSchemaSdl()))
    expect(DECLARED_ONLY.filter((name) => kiroku.has(name))).toEqual([])
    expect(kiroku.has('SiteStatistics') && kiroku.has('AniChartUser')).toBe(true)
  })
})
