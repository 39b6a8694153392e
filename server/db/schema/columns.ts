import { customType } from 'drizzle-orm/pg-core';

// Column types Drizzle does not have built in.

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
