/** The people module: characters and staff, their names and pictures, and who is in which work. */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { most, PAGE, pageOf, values } from '../../server/list-sizes.js'
import { characterResolvers, countMatchingCharacters } from './character-resolvers.js'
import { countMatchingStaff, staffResolvers } from './staff-resolvers.js'
import { mediaPeopleResolvers } from './media-resolvers.js'
import { MAX_CONNECTION_PER_PAGE } from './connection.js'

/** The voice actors one character has in one work and one language, as estimated before a query runs; real lists are charged as they resolve. */
export const VOICE_ACTORS_ESTIMATE = 5
/** The works one character's edge lists in Staff.characters (a character voiced across a franchise). */
export const CHARACTER_MEDIA_ESTIMATE = 10

const NAMES = values('the names of one person, as imported: a handful')

export const peopleModule: GraphqlModule = {
  name: 'people',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(characterResolvers, staffResolvers, mediaPeopleResolvers),
  pageCounters: { characters: countMatchingCharacters, staff: countMatchingStaff },
  listRules: {
    'Page.characters': PAGE,
    'Page.staff': PAGE,
    'CharacterConnection.edges': PAGE,
    'CharacterConnection.nodes': PAGE,
    'StaffConnection.edges': PAGE,
    'StaffConnection.nodes': PAGE,
    'CharacterEdge.voiceActors': most(VOICE_ACTORS_ESTIMATE, "one character's voice actors in one work and language; charged by its real length as it runs"),
    'CharacterEdge.voiceActorRoles': most(VOICE_ACTORS_ESTIMATE, "one character's voice actors in one work and language; charged by its real length as it runs"),
    'CharacterEdge.media': most(CHARACTER_MEDIA_ESTIMATE, 'the works an actor voiced one character in; charged by its real length as it runs'),
    'MediaEdge.voiceActors': most(VOICE_ACTORS_ESTIMATE, "one character's voice actors in one work and language; charged by its real length as it runs"),
    'MediaEdge.voiceActorRoles': most(VOICE_ACTORS_ESTIMATE, "one character's voice actors in one work and language; charged by its real length as it runs"),
    'MediaEdge.characters': most(CHARACTER_MEDIA_ESTIMATE, 'the characters an actor voiced in one work; charged by its real length as it runs'),
    'CharacterName.alternative': NAMES,
    'CharacterName.alternativeSpoiler': NAMES,
    'StaffName.alternative': NAMES,
    'Staff.primaryOccupations': values("a staff member's occupations, as imported: a handful"),
    'Staff.yearsActive': values('two years at most'),
  },
  scopeOpeners: Object.fromEntries(
    ['Media.characters', 'Media.staff', 'Character.media', 'Staff.staffMedia', 'Staff.characters', 'Staff.characterMedia'].map((field) => [field, pageOf(MAX_CONNECTION_PER_PAGE)]),
  ),
}
