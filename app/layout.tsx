import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dropzone/styles.css';
import './globals.css';
import { ColorSchemeScript, mantineHtmlProps } from '@mantine/core';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SessionGate } from '@/components/auth/SessionGate';
import { Providers } from '@/components/providers';
import { AppFrame } from '@/components/ui/AppFrame';

export const metadata: Metadata = {
  title: { default: 'Environment Studio', template: '%s · Environment Studio' },
  description: 'API collections into simulated, verifiable environments and reviewed agent trajectories.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" {...mantineHtmlProps}>
      <head>
        <ColorSchemeScript defaultColorScheme="light" />
      </head>
      <body>
        <Providers>
          <SessionGate>
            <AppFrame>{children}</AppFrame>
          </SessionGate>
        </Providers>
      </body>
    </html>
  );
}
