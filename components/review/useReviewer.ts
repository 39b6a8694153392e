'use client';
import { useEffect, useState } from 'react';

const KEY = 'studio.reviewer';

/** The reviewer's name, kept in this browser's localStorage. */
export function useReviewer(): [string, (name: string) => void] {
  const [name, setName] = useState('');
  useEffect(() => {
    setName(window.localStorage.getItem(KEY) ?? '');
  }, []);
  const update = (v: string) => {
    setName(v);
    if (v.trim()) window.localStorage.setItem(KEY, v);
    else window.localStorage.removeItem(KEY);
  };
  return [name, update];
}
