/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
import type { Kysely } from 'kysely'
import type { DialectName } from '../db.js'
import * as m0001 from './0001_accounts_clients_tokens.js'
import * as m0002 from './0002_oauth_grants.js'
import * as m0003 from './0003_catalog.js'
import * as m0004 from './0004_user_profiles.js'
import * as m0006 from './0006_favourites.js'
import * as m0005 from './0005_media_list.js'
import * as m0007 from './0007_code_replays.js'
import * as m0008 from './0008_server_secrets.js'
import * as m0009 from './0009_list_options.js'
import * as m0010 from './0010_people.js'
import * as m0011 from './0011_catalog_world.js'
import * as m0012 from './0012_media_trends.js'
import * as m0013 from './0013_pull_state.js'
import * as m0014 from './0014_social.js'
import * as m0015 from './0015_user_roles.js'
import * as m0016 from './0016_reviews.js'
import * as m0017 from './0017_recommendations.js'
import * as m0018 from './0018_forum.js'
import * as m0019 from './0019_community_records.js'
import * as m0020 from './0020_reports.js'

export interface MigrationModule {
  up(db: Kysely<any>, dialect: DialectName): Promise<void>
}

export const migrations: Record<string, MigrationModule> = {
  '0001_accounts_clients_tokens': m0001,
  '0002_oauth_grants': m0002,
  '0003_catalog': m0003,
  '0004_user_profiles': m0004,
  '0005_media_list': m0005,
  '0006_favourites': m0006,
  '0007_code_replays': m0007,
  '0008_server_secrets': m0008,
  '0009_list_options': m0009,
  '0010_people': m0010,
  '0011_catalog_world': m0011,
  '0012_media_trends': m0012,
  '0013_pull_state': m0013,
  '0014_social': m0014,
  '0015_user_roles': m0015,
  '0016_reviews': m0016,
  '0017_recommendations': m0017,
  '0018_forum': m0018,
  '0019_community_records': m0019,
  '0020_reports': m0020,
}
