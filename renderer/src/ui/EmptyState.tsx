// What a screen shows when it has nothing yet: what this place is for and the next step.
import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon?: string;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}

export function EmptyState({ icon = '🛍️', title, children, actions }: EmptyStateProps) {
  return (
    <section className="empty" aria-label={title}>
      <div className="empty__icon" aria-hidden="true">
        {icon}
      </div>
      <h2 className="empty__title">{title}</h2>
      {children ? <div className="empty__body">{children}</div> : null}
      {actions ? <div className="empty__actions">{actions}</div> : null}
    </section>
  );
}
