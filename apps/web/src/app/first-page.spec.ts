import type { Route } from '@angular/router';
import { signedInGuard, signedOutGuard } from '@fieldwork/web-core';
import { appRoutes } from './app.routes';
import { firstPageLoader, guardsLetThroughOnStart } from './first-page';

// Stand-ins for the lazy pages: the loaders are told apart by identity.
class SignInStub {}
class HomeStub {}
class TaskListStub {}
class TaskStub {}
class PrivacyStub {}
const signInPage = () => Promise.resolve(SignInStub);
const home = () => Promise.resolve(HomeStub);
const taskList = () => Promise.resolve(TaskListStub);
const task = () => Promise.resolve(TaskStub);
const privacy = () => Promise.resolve(PrivacyStub);

const routes: Route[] = [
  { path: '', pathMatch: 'full', canActivate: [signedInGuard], children: [{ path: '', loadComponent: home }] },
  {
    path: 'tasks',
    canActivate: [signedInGuard],
    children: [
      { path: '', loadComponent: taskList },
      { path: ':id', loadComponent: task },
    ],
  },
  { path: 'privacy', loadChildren: () => Promise.resolve([]) },
  { path: 'about', loadComponent: privacy },
  { path: 'old', redirectTo: '/about' },
  { path: '', children: [{ path: 'sign-in', canActivate: [signedOutGuard], loadComponent: signInPage }] },
  { path: '**', loadComponent: privacy },
];

describe('the first page, fetched while the app starts', () => {
  const signedOut = guardsLetThroughOnStart(false);
  const signedIn = guardsLetThroughOnStart(true);

  it('finds the sign-in page for a signed-out visitor, and nothing behind a signed-in guard', () => {
    expect(firstPageLoader(routes, '/sign-in', signedOut)).toBe(signInPage);
    expect(firstPageLoader(routes, '/sign-in?returnUrl=%2Ftasks', signedOut)).toBe(signInPage);
    expect(firstPageLoader(routes, '/', signedOut)).toBeNull();
    expect(firstPageLoader(routes, '/tasks', signedOut)).toBeNull();
  });

  it('finds a signed-in page by its segments, a :param matching one segment', () => {
    expect(firstPageLoader(routes, '/', signedIn)).toBe(home);
    expect(firstPageLoader(routes, '/tasks', signedIn)).toBe(taskList);
    expect(firstPageLoader(routes, '/tasks/42', signedIn)).toBe(task);
    expect(firstPageLoader(routes, '/tasks/42/more', signedIn)).toBeNull();
    expect(firstPageLoader(routes, '/sign-in', signedIn)).toBeNull();
  });

  it('follows neither loadChildren, redirects nor the catch-all', () => {
    expect(firstPageLoader(routes, '/about', signedOut)).toBe(privacy);
    expect(firstPageLoader(routes, '/privacy', signedOut)).toBeNull();
    expect(firstPageLoader(routes, '/old', signedOut)).toBeNull();
    expect(firstPageLoader(routes, '/no-such-page', signedOut)).toBeNull();
  });

  it('finds the real sign-in page and a student task list in the app routes', async () => {
    const signIn = firstPageLoader(appRoutes, '/sign-in', signedOut);
    expect(signIn).not.toBeNull();
    expect(((await signIn?.()) as { name: string }).name).toBe('SignIn');
    const tasks = firstPageLoader(appRoutes, '/tasks', signedIn);
    expect(((await tasks?.()) as { name: string }).name).toBe('TaskListPage');
  });
});
