/**
 * The base module: the root types, Page and PageInfo (resolved by the server, server/module.ts), and
 * the scalars and small types every domain shares (Json, FuzzyDate, FuzzyDateInt, CountryCode,
 * Deleted).
 */
import { readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { scalarResolvers } from './scalars.js'

export const baseModule: GraphqlModule = {
  name: 'base',
  sdl: readModuleSdl(import.meta.url),
  resolvers: {},
  scalars: scalarResolvers,
}
