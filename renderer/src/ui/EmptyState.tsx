// What a screen shows when it has nothing yet: what this place is for and the next step.
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.tsx';

interface EmptyStateProps {
  icon?: IconName;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}

export function EmptyState({ icon = 'bag', title, children, actions }: EmptyStateProps) {
  return (
    <section className="empty" aria-label={title}>
      <Icon name={icon} size={40} className="empty__icon" />
      <h2 className="empty__title">{title}</h2>
      {children ? <div className="empty__body">{children}</div> : null}
      {actions ? <div className="empty__actions">{actions}</div> : null}
    </section>
  );
}
