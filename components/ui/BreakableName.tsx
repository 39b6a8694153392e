import { Fragment } from 'react';

/** A snake_case or dotted identifier that may break after its `_` and `.` when its column is narrow (copies unchanged). */
export function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[_.])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}
