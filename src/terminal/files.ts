// The learner's working directory, ~/exercises, as in the chapter: the compose file and the Prometheus config.
// prometheus.yml is whatever config Prometheus is running now (the Config page edits it).

import type { TerminalEnv } from './env.ts';

export const COMPOSE_FILE = 'docker-compose.yml';
export const CONFIG_FILE = 'prometheus.yml';

const COMPOSE_YAML = `version: "3.7"

services:
  accesslog:
    image: diamol/ch09-access-log
    ports:
      - "8012:80"
    networks:
      - app-net

  iotd:
    image: diamol/ch09-image-of-the-day
    ports:
      - "8011:80"
    networks:
      - app-net

  image-gallery:
    image: diamol/ch09-image-gallery
    ports:
      - "8010:80"
    depends_on:
      - accesslog
      - iotd
    networks:
      - app-net

  prometheus:
    image: diamol/ch09-prometheus
    ports:
      - "9090:9090"
    environment:
      - DOCKER_HOST=\${HOST_IP}
    networks:
      - app-net

networks:
  app-net:
    external:
      name: nat
`;

export function fileNames(): string[] {
  return [COMPOSE_FILE, CONFIG_FILE];
}

/** The file's text, or undefined when there is no such file. Accepts `./name` and `~/exercises/name`. */
export function readFile(env: TerminalEnv, path: string): string | undefined {
  const name = path.replace(/^(\.\/|~\/exercises\/)/, '');
  if (name === COMPOSE_FILE) return COMPOSE_YAML;
  if (name === CONFIG_FILE) return env.prom.configText();
  return undefined;
}
