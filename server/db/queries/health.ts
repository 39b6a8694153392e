import type { Studio } from '../../studio';
import { appliedMigration } from '../migrations';
import { countJobsByStatus } from './jobs';

export async function studioStatus(studio: Studio) {
  const [migration, jobs] = await Promise.all([appliedMigration(studio.database.db), countJobsByStatus(studio.database.db)]);
  return { database: studio.database.kind, migration: migration.tag, pendingMigrations: migration.pending, jobs };
}
