import { Route } from '@angular/router';

export const templatesRoutes: Route[] = [
  {
    path: '',
    title: 'Templates',
    loadComponent: () => import('./templates-page').then((m) => m.TemplatesPage),
  },
  {
    path: 'new',
    title: 'New template',
    loadComponent: () => import('./template-editor').then((m) => m.TemplateEditor),
  },
  {
    path: ':id',
    title: 'Edit template',
    loadComponent: () => import('./template-editor').then((m) => m.TemplateEditor),
  },
];
