import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ops-hub", template: "%s · ops-hub" },
  description:
    "What runs where, why, who owns it, how it is reached, and what evidence proves it healthy.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
