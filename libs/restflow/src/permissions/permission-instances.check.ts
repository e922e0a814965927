import { Injectable, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { guardedActionSettings } from '../core/controller-actions.util';
import { NEST_PARAMTYPES_METADATA } from '../core/nest-metadata-keys';
import { ProviderInstances } from '../core/provider-instances';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { CombinedPermission } from './permission-combinators';
import {
  permissionHasDependencies,
  registerPermissionInstance,
  toPermission,
} from './permission-instance.util';
import type { Permission, PermissionSpec } from './permission.interface';
import { PermissionsGuard } from './permissions.guard';

/**
 * Creates at boot every permission class of every action the `PermissionsGuard` guards (the
 * operands of `allOf` / `anyOf` / `not` included). A class that asks for dependencies (an
 * `@Injectable()` with constructor parameters or `@Inject()` properties) is created by Nest's
 * dependency injection, its own provider when a module registers it; one that injects a service
 * no module provides to it fails `app.init()` with a `RestflowConfigError` naming the class, the
 * missing provider, the action and the fix, instead of a 500 on the first request. Other classes
 * are created with `new`, as before. Registered by `RestflowModule`.
 *
 * @example
 * ```ts
 * @Injectable()
 * class IsProjectMember extends BasePermission {
 *   constructor(private readonly members: ProjectMembers) { super(); }
 *   override hasPermission(request: RestflowRequest) { return this.members.has(request.user); }
 * }
 * // ProjectMembers provided nowhere:
 * await app.init(); // RestflowConfigError: In the permissions of ProjectViewSet.list, IsProjectMember cannot be created: ...
 * ```
 * @internal
 */
@Injectable()
export class PermissionInstancesCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly instances: ProviderInstances,
    @InjectRestflowOptions() private readonly options: ResolvedRestflowOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { defaultPermissionClasses } = this.options.permissions;
    for (const { setting: specs, usage } of guardedActionSettings(
      this.discovery,
      PermissionsGuard,
      'permissionClasses',
      defaultPermissionClasses,
      'permissions',
    )) {
      for (const type of permissionClasses(specs)) {
        if (!permissionHasDependencies(type)) {
          toPermission(type);
          continue;
        }
        if (!Reflect.getMetadata(NEST_PARAMTYPES_METADATA, type) && type.length > 0) {
          throw new RestflowConfigError(
            'permissionClasses',
            `In ${usage}, ${type.name} takes constructor arguments, but Nest cannot tell what ` +
              'to inject (no decorator metadata). Fix: decorate the class with @Injectable().',
          );
        }
        registerPermissionInstance(
          type,
          await this.instances.getAtBoot(type as Type<Permission>, usage),
        );
      }
    }
  }
}

/** The permission classes a list names, through combinators. */
function permissionClasses(
  specs: readonly PermissionSpec[],
): (new (...args: never[]) => Permission)[] {
  const classes: (new (...args: never[]) => Permission)[] = [];
  const visit = (spec: PermissionSpec): void => {
    if (typeof spec === 'function') classes.push(spec);
    else if (spec instanceof CombinedPermission) spec.operands.forEach(visit);
  };
  specs.forEach(visit);
  return classes;
}
