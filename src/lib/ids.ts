/** Stable identifiers: UUIDv7 (time-ordered, so indexes stay compact). */
import { v7 } from 'uuid';

export const newId = (): string => v7();
