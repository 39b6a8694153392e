import { describe, expect, it } from 'vitest';
import type { Domain, GraphTool } from './model';
import { nameDomains, plural } from './naming';
import { tool } from './test-tools';

const domain = (key: string, toolIds: string[], extra: Partial<Domain> = {}): Domain => ({ key, name: '', toolIds, locked: false, ...extra });
const byId = (tools: GraphTool[]) => new Map(tools.map((t) => [t.id, t]));

describe('nameDomains', () => {
  it('names a domain after the entity words that set it apart, not the ones all domains share', () => {
    const tools = [
      tool('1', 'get_order', ['order_id', 'date']),
      tool('2', 'cancel_order', ['order_id', 'reason', 'date']),
      tool('3', 'list_orders', ['customer_id', 'date']),
      tool('4', 'get_flight', ['flight_id', 'date']),
      tool('5', 'book_flight', ['flight_id', 'seat', 'date']),
    ];
    const [shop, air] = nameDomains([domain('d1', ['1', '2', '3']), domain('d2', ['4', '5'])], byId(tools));
    // "date" is in every tool of both domains: it names neither.
    expect(shop!.name.split(' · ')[0]).toBe('orders');
    expect(shop!.name).not.toContain('date');
    expect(air!.name.split(' · ')[0]).toBe('flights');
    expect(air!.name).not.toContain('date');
  });

  it('skips generic verbs and bare ids, and takes at most three words', () => {
    const tools = [tool('1', 'get_weather_forecast_city_wind', ['id', 'lat', 'lon']), tool('2', 'list_weather', ['id'])];
    const [d] = nameDomains([domain('d1', ['1', '2'])], byId(tools));
    expect(d!.name.split(' · ')).toHaveLength(3);
    expect(d!.name).not.toMatch(/\b(get|list|id)\b/);
    expect(d!.name.split(' · ')[0]).toBe('weather');
  });

  it('puts records in the plural and leaves proper names as they are', () => {
    const tools = [tool('1', 'spotify_get_category', ['category_id']), tool('2', 'spotify_list_category', ['market'])];
    const [d] = nameDomains([domain('d1', ['1', '2'])], byId(tools));
    expect(d!.name.split(' · ').sort()).toEqual(['categories', 'market', 'spotify']);
  });

  it('never names a domain after paging or transport parameters', () => {
    const paged = (id: string, name: string) =>
      tool(id, name, ['parcel_id', 'before', 'after', 'limit', 'page_token', 'api_key'], { optional: ['before', 'after', 'limit', 'page_token', 'api_key'] });
    const tools = [paged('a', 'list_parcel_scans'), paged('b', 'list_parcel_labels'), tool('c', 'get_depot', ['depot_id'])];
    const [parcels] = nameDomains([domain('d1', ['a', 'b']), domain('d2', ['c'])], byId(tools));
    expect(parcels!.name).toMatch(/parcels/);
    expect(parcels!.name).not.toMatch(/before|after|limit|page|token|api|key/);
  });

  it('keeps locked names and makes the others unique', () => {
    const tools = [tool('1', 'get_user', ['user_id']), tool('2', 'get_user_2', ['user_id']), tool('3', 'get_user_3', ['user_id'])];
    const named = nameDomains([domain('d1', ['1']), domain('d2', ['2']), domain('mine', ['3'], { name: 'users', locked: true })], byId(tools));
    expect(named.map((d) => d.name)).toEqual(['users 2', 'users 3', 'users']);
  });
});

describe('plural', () => {
  it('follows the simple English rules', () => {
    expect(['order', 'category', 'box', 'match', 'day', 'status'].map(plural)).toEqual(['orders', 'categories', 'boxes', 'matches', 'days', 'status']);
  });
});
