'use client';
import { Alert, Code, List, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CodeEditor } from '../editor/CodeEditor';
import { useTRPC } from '../trpc';

const VARIABLES: Array<[string, string]> = [
  ['DATABASE_URL', 'a PostgreSQL server; unset means the embedded PGlite database'],
  ['STUDIO_DATA_DIR', 'where PGlite keeps its files (default ./.studio-data)'],
  ['STUDIO_PGLITE_CACHE_MB', "PGlite's page cache in MB (default 128, as Postgres's own)"],
  ['PORT', 'the web server port (default 3000)'],
  ['STUDIO_WORKERS', 'jobs this server runs at once; 0 leaves them to npm run worker'],
  ['STUDIO_LLM_BASE_URL, STUDIO_LLM_API_KEY, STUDIO_LLM_MODEL', 'an OpenAI-compatible endpoint; unset means offline'],
  ['STUDIO_LLM_ALLOWED_BASE_URLS', 'origins a run may name as a per-role base URL (default: the configured endpoint only)'],
  ['STUDIO_LLM_MAX_REPLY_BYTES, STUDIO_LLM_MAX_REPLY_TOKENS', 'longest LLM reply kept in a trajectory; longer ones are cut with a mark'],
  ['STUDIO_LLM_MAX_TRAJECTORY_BYTES, STUDIO_LLM_MAX_TRAJECTORY_TOKENS', 'all LLM replies of one trajectory; past it the rollout stops'],
  ['STUDIO_UPLOAD_MAX_MB', 'largest collection upload at once (default 128; one file at most 64 MB)'],
];

export function ConfigView() {
  const trpc = useTRPC();
  const config = useQuery(trpc.system.config.queryOptions());
  return (
    <Stack>
      <Text size="sm">
        The configuration this server runs with, read from its environment at start. Secrets are hidden. Change a value by setting its variable and restarting.
      </Text>
      {config.isError && (
        <Alert color="red" title="Could not load the configuration">
          {config.error.message}
        </Alert>
      )}
      {config.data ? (
        <CodeEditor language="json" readOnly height={360} value={JSON.stringify(config.data, null, 2)} path="effective-config.json" />
      ) : (
        !config.isError && <Skeleton h={360} />
      )}
      <List size="sm" spacing={4}>
        {VARIABLES.map(([name, what]) => (
          <List.Item key={name}>
            <Code>{name}</Code> — {what}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
