# The whole product (API + web app + worker) in one image; `npm start` runs both processes.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npx nx run-many -t build -p api worker web --outputStyle=static

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json /app/package-lock.json /app/.npmrc ./
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
COPY --from=build /app/tools ./tools
USER node
EXPOSE 3000
CMD ["node", "tools/start.mjs", "--no-build"]
