import { bootstrapApplication } from '@angular/platform-browser';
import { hasSessionHint } from '@fieldwork/web-core';
import { appConfig } from './app/app.config';
import { App } from './app/app';
import { appRoutes } from './app/app.routes';
import { guardsLetThroughOnStart, warmFirstPage } from './app/first-page';

// Fetch the first page's chunk while Angular boots (sign-in, a student's tasks, …).
warmFirstPage(appRoutes, location.pathname, guardsLetThroughOnStart(hasSessionHint(document)));

bootstrapApplication(App, appConfig).catch((err) =>
  console.error(err)
);
