import { describe, expect, it } from 'vitest';
import { describedPreconditions } from './preconditions';

const ORDER = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'];
const BOOKING = ['confirmed', 'checked_in', 'cancelled'];

describe('describedPreconditions', () => {
  it('takes the statuses a relative clause names', () => {
    expect(describedPreconditions('Cancel an order that is still pending or paid; the payment is released.', ORDER, 'order', 'cancelled')).toEqual([
      'pending',
      'paid',
    ]);
  });

  it('takes a status right before the record’s noun', () => {
    expect(describedPreconditions('Start a return for a delivered order and refund it once the parcel comes back.', ORDER, 'order', 'returned')).toEqual([
      'delivered',
    ]);
    expect(describedPreconditions('Cancel pending or paid orders.', ORDER, 'order', 'cancelled')).toEqual(['pending', 'paid']);
  });

  it('reads "not … yet" as the statuses before it in the lifecycle', () => {
    expect(describedPreconditions('Cancel a booking that has not been checked in yet.', BOOKING, 'booking', 'cancelled')).toEqual(['confirmed']);
    expect(describedPreconditions('Change where an order that has not shipped yet will be delivered.', ORDER, 'order', null)).toEqual(['pending', 'paid']);
  });

  it('reads a plain negation as every other status but the target', () => {
    expect(describedPreconditions('Archive a ticket that is not closed.', ['open', 'closed', 'archived'], 'ticket', 'archived')).toEqual(['open']);
  });

  it('ignores outcomes, verbs and words that are not statuses of the table', () => {
    expect(describedPreconditions('Open a new support ticket on behalf of a requester.', ['open', 'closed'], 'ticket', null)).toEqual([]);
    expect(describedPreconditions('Close a ticket once the problem is solved, noting how.', ['open', 'closed'], 'ticket', 'closed')).toEqual([]);
    expect(describedPreconditions('Ship the order so it will be delivered.', ORDER, 'order', 'shipped')).toEqual([]);
    expect(describedPreconditions('', ORDER, 'order', null)).toEqual([]);
  });
});
