'use client';
import { useState } from 'react';
import { replaceSearchParam } from './replace-search';

/**
 * View state kept in one URL query parameter (e.g. the chart range): the page reads the
 * initial value from its searchParams, and every change is written back to the address bar.
 */
export function useSearchParam<T extends string>(name: string, initial: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(initial);
  const change = (next: T) => {
    setValue(next);
    replaceSearchParam(name, next);
  };
  return [value, change];
}
