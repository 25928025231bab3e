// The frame every screen shares: a landmark section named by its heading.
import type { ReactNode } from 'react';

interface ScreenProps {
  name: string;
  title: string;
  /** Controls that belong in the header, beside the title. */
  actions?: ReactNode;
  children: ReactNode;
}

export function Screen({ name, title, actions, children }: ScreenProps) {
  return (
    <section className={`screen ${name}`} aria-labelledby={`${name}-title`}>
      <header className="screen__header">
        <h1 id={`${name}-title`} className="screen__title">
          {title}
        </h1>
        {actions}
      </header>
      {children}
    </section>
  );
}
