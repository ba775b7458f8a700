import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export function useTerminalSize(): {columns: number; rows: number} {
  const {stdout} = useStdout();
  const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize({columns: stdout.columns || 80, rows: stdout.rows || 24});
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
