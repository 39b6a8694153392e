import { describe, expect, it } from 'vitest';
import { contentWords, idEntity, isBareId, nameEntities, singular } from './terms';

describe('singular', () => {
  it('drops plural endings but keeps words that only look plural', () => {
    expect(['orders', 'categories', 'boxes', 'addresses', 'status', 'analysis', 'news', 'bus'].map(singular)).toEqual([
      'order',
      'category',
      'box',
      'address',
      'status',
      'analysis',
      'news',
      'bus',
    ]);
  });
});

describe('contentWords', () => {
  it('splits identifiers and prose, and drops stop words, digits and generic API words', () => {
    expect(contentWords('The optional string value of the orderId, e.g. 42')).toEqual(['order', 'id']);
  });
});

describe('idEntity', () => {
  it('finds the entity an id parameter points at, in any case style', () => {
    expect(['order_id', 'orderId', 'userID', 'new_item_ids', 'paymentMethodUUID'].map(idEntity)).toEqual(['order', 'order', 'user', 'item', 'method']);
  });

  it('is null for values and for a bare id', () => {
    expect(['phone_number', 'api_key', 'id', 'idea'].map(idEntity)).toEqual([null, null, null, null]);
    expect(isBareId('ID')).toBe(true);
    expect(isBareId('user_id')).toBe(false);
  });
});

describe('nameEntities', () => {
  it('takes the words after the first verb', () => {
    expect(nameEntities('get_order_details')).toEqual(['order']);
    expect(nameEntities('Shop_API_Get_Orders')).toEqual(['order']);
    expect(nameEntities('cancelPendingOrder')).toEqual(['pending', 'order']);
  });

  it('takes every content word when there is no verb, or the verb comes last', () => {
    expect(nameEntities('Flight_Fare_Airports')).toEqual(['flight', 'fare', 'airport']);
    expect(nameEntities('weather_forecast_search')).toEqual(['weather', 'forecast']);
  });
});
