'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { inSection } from '@/components/header/main-nav';

const ITEMS = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/clinics', label: 'Clinics' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/memberships', label: 'Memberships' },
  { href: '/admin/roles', label: 'Roles & permissions' },
  { href: '/admin/settings', label: 'Settings' },
  { href: '/admin/retention', label: 'Retention' },
  { href: '/admin/support', label: 'Support access' },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Control plane" className="-mb-px flex flex-wrap gap-x-1">
      {ITEMS.map((item) => {
        const current = inSection(pathname, item.href, item.href === '/admin');
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? 'page' : undefined}
            className={cn(
              'border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600',
              current
                ? 'border-brand-700 text-brand-700'
                : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
