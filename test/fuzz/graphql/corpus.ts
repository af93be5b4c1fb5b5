/**
 * Operations real AniList clients send, copied from the client corpus (each with the project it comes
 * from) so that the fuzz tests read nothing outside test/ when they run. The byte-level mutations in
 * graphql-corpus.test.ts start from these documents and variables.
 */

export interface CorpusOperation {
  /** The client project the operation is taken from. */
  project: string
  /** Whether the client sends it with a Bearer token. */
  auth: boolean
  query: string
  variables: Record<string, unknown>
}

export const CORPUS: readonly CorpusOperation[] = [
  {
    project: "AniList/ApiV2-GraphQL-Docs",
    auth: false,
    query: "\nquery ($id: Int, $page: Int, $perPage: Int, $search: String) {\n  Page (page: $page, perPage: $perPage) {\n    pageInfo {\n      currentPage\n      hasNextPage\n      perPage\n    }\n    media (id: $id, search: $search) {\n      id\n      title {\n        romaji\n      }\n    }\n  }\n}\n",
    variables: {"search": "Fate/Zero", "page": 1, "perPage": 3},
  },
  {
    project: "AniList/ApiV2-GraphQL-Docs",
    auth: false,
    query: "query (\n  $page: Int = 1\n  $id: Int\n  $type: MediaType\n  $isAdult: Boolean = false\n  $search: String\n  $format: [MediaFormat]\n  $status: MediaStatus\n  $countryOfOrigin: CountryCode\n  $source: MediaSource\n  $season: MediaSeason\n  $seasonYear: Int\n  $year: String\n  $onList: Boolean\n  $yearLesser: FuzzyDateInt\n  $yearGreater: FuzzyDateInt\n  $episodeLesser: Int\n  $episodeGreater: Int\n  $durationLesser: Int\n  $durationGreater: Int\n  $chapterLesser: Int\n  $chapterGreater: Int\n  $volumeLesser: Int\n  $volumeGreater: Int\n  $licensedBy: [Int]\n  $isLicensed: Boolean\n  $genres: [String]\n  $excludedGenres: [String]\n  $tags: [String]\n  $excludedTags: [String]\n  $minimumTagRank: Int\n  $sort: [MediaSort] = [POPULARITY_DESC, SCORE_DESC]\n) {\n  Page(page: $page, perPage: 20) {\n    pageInfo {\n      hasNextPage\n    }\n    media(\n      id: $id\n      type: $type\n      season: $season\n      format_in: $format\n      status: $status\n      countryOfOrigin: $countryOfOrigin\n      source: $source\n      search: $search\n      onList: $onList\n      seasonYear: $seasonYear\n      startDate_like: $year\n      startDate_lesser: $yearLesser\n      startDate_greater: $yearGreater\n      episodes_lesser: $episodeLesser\n      episodes_greater: $episodeGreater\n      duration_lesser: $durationLesser\n      duration_greater: $durationGreater\n      chapters_lesser: $chapterLesser\n      chapters_greater: $chapterGreater\n      volumes_lesser: $volumeLesser\n      volumes_greater: $volumeGreater\n      licensedById_in: $licensedBy\n      isLicensed: $isLicensed\n      genre_in: $genres\n      genre_not_in: $excludedGenres\n      tag_in: $tags\n      tag_not_in: $excludedTags\n      minimumTagRank: $minimumTagRank\n      sort: $sort\n      isAdult: $isAdult\n    ) {\n      id\n      title {\n        romaji\n      }\n    }\n  }\n}\n",
    variables: {"type": "ANIME", "season": "WINTER", "seasonYear": 2024, "genres": ["Action"], "format": ["TV"]},
  },
  {
    project: "mihonapp/mihon",
    auth: true,
    query: "mutation AddManga($mangaId: Int, $progress: Int, $status: MediaListStatus, $private: Boolean) {\nSaveMediaListEntry (mediaId: $mangaId, progress: $progress, status: $status, private: $private) {\n   id\n   status\n}\n}\n",
    variables: {"mangaId": 30013, "progress": 12, "status": "CURRENT", "private": false},
  },
  {
    project: "mihonapp/mihon",
    auth: true,
    query: "mutation UpdateManga(\n$listId: Int, $progress: Int, $status: MediaListStatus, $private: Boolean,\n$score: Int, $startedAt: FuzzyDateInput, $completedAt: FuzzyDateInput\n) {\nSaveMediaListEntry(\nid: $listId, progress: $progress, status: $status, private: $private,\nscoreRaw: $score, startedAt: $startedAt, completedAt: $completedAt\n) {\nid\nstatus\nprogress\n}\n}\n",
    variables: {"listId": 12345678, "progress": 1080, "status": "CURRENT", "score": 85, "startedAt": {"year": 2023, "month": 4, "day": 2}, "completedAt": {"year": null, "month": null, "day": null}, "private": false},
  },
  {
    project: "z411/trackma",
    auth: false,
    query: "query ($id: Int!, $listType: MediaType) {\n  MediaListCollection (userId: $id, type: $listType) {\n    lists {\n      name\n      isCustomList\n      status\n      entries {\n        ... mediaListEntry\n      }\n    }\n    user {\n      mediaListOptions {\n        scoreFormat\n      }\n    }\n  }\n}\n\nfragment mediaListEntry on MediaList {\n  id\n  score\n  progress\n  startedAt { year month day }\n  updatedAt\n  completedAt { year month day }\n  media {\n    id\n    title { userPreferred romaji english native }\n    synonyms\n    coverImage { large medium }\n    format\n    status\n    chapters episodes\n    nextAiringEpisode { airingAt episode }\n    startDate { year month day }\n    endDate { year month day }\n    siteUrl\n  }\n}",
    variables: {"id": 1, "listType": "ANIME"},
  },
  {
    project: "ThaUnknown/miru",
    auth: true,
    query: "query Viewer {\n  Viewer {\n    ...UserFrag\n    mediaListOptions {\n      animeList {\n        customLists\n        __typename\n      }\n      __typename\n    }\n    __typename\n  }\n}\nfragment UserFrag on User {\n  id\n  bannerImage\n  about\n  isFollowing\n  isFollower\n  donatorBadge\n  options {\n    profileColor\n    __typename\n  }\n  createdAt\n  name\n  avatar {\n    large\n    __typename\n  }\n  statistics {\n    anime {\n      count\n      minutesWatched\n      episodesWatched\n      genres(limit: 3, sort: COUNT_DESC) {\n        genre\n        count\n        __typename\n      }\n      __typename\n    }\n    __typename\n  }\n  __typename\n}",
    variables: {},
  },
  {
    project: "ThaUnknown/miru",
    auth: true,
    query: "query IDMedia($id: Int!) {\n  Media(id: $id, type: ANIME) {\n    ...FullMedia\n    __typename\n  }\n}\nfragment FullMedia on Media {\n  id\n  idMal\n  title {\n    romaji\n    english\n    native\n    userPreferred\n    __typename\n  }\n  description(asHtml: false)\n  season\n  seasonYear\n  format\n  status\n  episodes\n  duration\n  averageScore\n  genres\n  isFavourite\n  coverImage {\n    extraLarge\n    medium\n    color\n    __typename\n  }\n  source\n  countryOfOrigin\n  isAdult\n  bannerImage\n  synonyms\n  nextAiringEpisode {\n    id\n    timeUntilAiring\n    episode\n    __typename\n  }\n  startDate {\n    year\n    month\n    day\n    __typename\n  }\n  trailer {\n    id\n    site\n    __typename\n  }\n  mediaListEntry {\n    ...FullMediaList\n    __typename\n  }\n  studios(isMain: true) {\n    nodes {\n      id\n      name\n      __typename\n    }\n    __typename\n  }\n  notaired: airingSchedule(page: 1, perPage: 50, notYetAired: true) {\n    n: nodes {\n      a: airingAt\n      e: episode\n      __typename\n    }\n    __typename\n  }\n  aired: airingSchedule(page: 1, perPage: 50, notYetAired: false) {\n    n: nodes {\n      a: airingAt\n      e: episode\n      __typename\n    }\n    __typename\n  }\n  relations {\n    edges {\n      ...MediaEdgeFrag\n      __typename\n    }\n    __typename\n  }\n  __typename\n}\nfragment FullMediaList on MediaList {\n  id\n  status\n  progress\n  repeat\n  score(format: POINT_10)\n  customLists(asArray: true)\n  __typename\n}\nfragment MediaEdgeFrag on MediaEdge {\n  relationType(version: 2)\n  node {\n    id\n    title {\n      userPreferred\n      __typename\n    }\n    coverImage {\n      medium\n      __typename\n    }\n    type\n    status\n    format\n    episodes\n    synonyms\n    season\n    seasonYear\n    startDate {\n      year\n      month\n      day\n      __typename\n    }\n    endDate {\n      year\n      month\n      day\n      __typename\n    }\n    __typename\n  }\n  __typename\n}",
    variables: {"id": 21},
  },
  {
    project: "ThaUnknown/miru",
    auth: true,
    query: "mutation ToggleFavourite($id: Int!) {\n  ToggleFavourite(animeId: $id) {\n    anime {\n      nodes {\n        id\n        __typename\n      }\n      __typename\n    }\n    __typename\n  }\n}",
    variables: {"id": 21},
  },
  {
    project: "lolamtisch/MALSync",
    auth: false,
    query: "\n    query ($search: String) {\n      anime: Page (perPage: 10) {\n        pageInfo {\n          total\n        }\n        results: media (type: ANIME, search: $search) {\n          id\n          siteUrl\n          idMal\n          title {\n            userPreferred\n            romaji\n            english\n            native\n          }\n          coverImage {\n            medium\n          }\n          type\n          format\n          averageScore\n          startDate {\n            year\n          }\n          synonyms\n        }\n      }\n    }\n  ",
    variables: {"search": "Cowboy Bebop"},
  },
  {
    project: "vosmiic/jellyfin-ani-sync",
    auth: false,
    query: "query ($status: MediaListStatus, $userId: Int, $chunk: Int, $chunkSize: Int) {\n              MediaListCollection(userId: $userId, status: $status, chunk: $chunk, perChunk: $chunkSize, type: ANIME) {\n                hasNextChunk\n                lists {\n                  entries {\n                    media {\n                      id\n                      siteUrl\n                    }\n                    completedAt {\n                      day\n                      month\n                      year\n                    }\n                    progress\n                  }\n                }\n              }\n            }",
    variables: {"status": "COMPLETED", "userId": "1", "chunkSize": "500", "chunk": "1"},
  },
  {
    project: "justchokingaround/jerry",
    auth: true,
    query: "query($page:Int = 1 $id:Int $type:MediaType $isAdult:Boolean = false $search:String $format:[MediaFormat]$status:MediaStatus $countryOfOrigin:CountryCode $source:MediaSource $season:MediaSeason $seasonYear:Int $year:String $onList:Boolean $yearLesser:FuzzyDateInt $yearGreater:FuzzyDateInt $episodeLesser:Int $episodeGreater:Int $durationLesser:Int $durationGreater:Int $chapterLesser:Int $chapterGreater:Int $volumeLesser:Int $volumeGreater:Int $licensedBy:[Int]$isLicensed:Boolean $genres:[String]$excludedGenres:[String]$tags:[String]$excludedTags:[String]$minimumTagRank:Int $sort:[MediaSort]=[POPULARITY_DESC,SCORE_DESC]){Page(page:$page,perPage:20){pageInfo{total perPage currentPage lastPage hasNextPage}media(id:$id type:$type season:$season format_in:$format status:$status countryOfOrigin:$countryOfOrigin source:$source search:$search onList:$onList seasonYear:$seasonYear startDate_like:$year startDate_lesser:$yearLesser startDate_greater:$yearGreater episodes_lesser:$episodeLesser episodes_greater:$episodeGreater duration_lesser:$durationLesser duration_greater:$durationGreater chapters_lesser:$chapterLesser chapters_greater:$chapterGreater volumes_lesser:$volumeLesser volumes_greater:$volumeGreater licensedById_in:$licensedBy isLicensed:$isLicensed genre_in:$genres genre_not_in:$excludedGenres tag_in:$tags tag_not_in:$excludedTags minimumTagRank:$minimumTagRank sort:$sort isAdult:$isAdult){id title{userPreferred}coverImage{extraLarge large color}startDate{year month day}endDate{year month day}bannerImage season seasonYear description type format status(version:2)episodes duration chapters volumes genres isAdult averageScore popularity nextAiringEpisode{airingAt timeUntilAiring episode}mediaListEntry{id status}studios(isMain:true){edges{isMain node{id name}}}}}}",
    variables: {"page": 1, "type": "ANIME", "sort": "SEARCH_MATCH", "search": "Frieren"},
  },
  {
    project: "5rahim/seanime",
    auth: true,
    query: "mutation UpdateMediaListEntry ($mediaId: Int, $status: MediaListStatus, $scoreRaw: Int, $progress: Int, $startedAt: FuzzyDateInput, $completedAt: FuzzyDateInput) {\n\tSaveMediaListEntry(mediaId: $mediaId, status: $status, scoreRaw: $scoreRaw, progress: $progress, startedAt: $startedAt, completedAt: $completedAt) {\n\t\tid\n\t}\n}\n",
    variables: {"mediaId": 154587, "status": "CURRENT", "scoreRaw": 90, "progress": 10, "startedAt": {"year": 2024, "month": 3, "day": 1}, "completedAt": null},
  },
  {
    project: "ThaUnknown/miru",
    auth: true,
    query: "mutation CustomLists($lists: [String]) {\n  UpdateUser(animeListOptions: {customLists: $lists}) {\n    id\n    __typename\n  }\n}",
    variables: {"lists": ["Watched using Hayase"]},
  },
  {
    project: "erengy/taiga",
    auth: true,
    query: "mutation ($id: Int!) { DeleteMediaListEntry (id: $id) { deleted } }",
    variables: {"id": 12345678},
  },
]
