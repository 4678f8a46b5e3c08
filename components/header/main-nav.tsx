'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { NavItem } from '@/lib/auth/header-state';
import { cn } from '@/components/ui/cn';

/**
 * Whether `pathname` lies in the section at `href`. A section that holds the others (home "/",
 * the control plane's overview "/admin") is `exact`: it only matches itself.
 */
export function inSection(pathname: string, href: string, exact = href === '/'): boolean {
  if (exact) return pathname === href;
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The main navigation; the current section is marked (aria-current and a tint). */
export function MainNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="text-sm">
      <ul className="flex flex-col gap-1 md:flex-row md:flex-wrap md:gap-0.5">
        {items.map((item) => {
          const current = inSection(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-2.5 py-2 md:px-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 md:py-1.5',
                  current
                    ? 'bg-brand-50 font-medium text-brand-700'
                    : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
