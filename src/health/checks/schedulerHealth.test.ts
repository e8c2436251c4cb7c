import { describe, expect, it } from 'vitest';
import { schedulerFindings, type RoundTimes } from './schedulerHealth.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const TOLERANCE = 65_000;
const at = (secondsFromNow: number) => new Date(NOW + secondsFromNow * 1000).toISOString();

function round(id: number, status: string, submissionEnds: number, ends: number, updated = -600): RoundTimes {
  return { id, status, submission_ends_at: at(submissionEnds), ends_at: at(ends), updated_at: at(updated) };
}

describe('schedulerFindings', () => {
  it('accepts an open round whose deadline passed less than one tolerance ago', () => {
    const open = round(3, 'accepting_submissions', -60, 2700);
    expect(schedulerFindings([open], open, NOW, TOLERANCE)).toEqual([]);
    const bidding = round(4, 'bidding', -900, -64);
    expect(schedulerFindings([bidding], bidding, NOW, TOLERANCE)).toEqual([]);
  });

  it('names a round still accepting submissions after a missed transition (the view only sees ends_at)', () => {
    const late = round(5, 'accepting_submissions', -66, 2700);
    expect(schedulerFindings([late], late, NOW, TOLERANCE)).toEqual([
      { round_id: 5, status: 'accepting_submissions', problem: 'late_transition', since: at(-66), late_by_s: 66 },
    ]);
  });

  it('names a bidding round past its end and any finalizing round', () => {
    const late = round(6, 'bidding', -3600, -1800);
    const stuck = round(7, 'finalizing', -3600, -1800, -5);
    expect(schedulerFindings([late, stuck], stuck, NOW, TOLERANCE)).toEqual([
      { round_id: 6, status: 'bidding', problem: 'late_finalize', since: at(-1800), late_by_s: 1800 },
      { round_id: 7, status: 'finalizing', problem: 'stuck_finalizing', since: at(-5), late_by_s: 5 },
    ]);
  });

  it('names the latest round when no round was started after it', () => {
    const done = round(8, 'completed', -3600, -120, -100);
    expect(schedulerFindings([], done, NOW, TOLERANCE)).toEqual([
      { round_id: 8, status: 'completed', problem: 'no_active_round', since: at(-100), late_by_s: 100 },
    ]);
    expect(schedulerFindings([], { ...done, updated_at: at(-30) }, NOW, TOLERANCE)).toEqual([]);
  });

  it('fails a target where no round was ever started', () => {
    expect(schedulerFindings([], undefined, NOW, TOLERANCE)).toEqual([
      { round_id: null, status: null, problem: 'no_rounds', since: null, late_by_s: null },
    ]);
  });
});
