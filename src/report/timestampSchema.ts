/** @module A point in time as run-meta.json and the results file store it: epoch ms or ISO 8601. */
import { z } from 'zod';

export const timestampSchema = z.union([
  z.number().finite(),
  z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 date'),
]);
