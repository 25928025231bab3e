// The product editor's state: the shared versioned-form machine fed with the product's form translation,
// its store and its calls. Only the fields are the product's own; the conflict path is the same everywhere.
import type { Product, ProductInput } from '../../../../../electron/core/protocol/contract.ts';
import { studio } from '../../../api/index.ts';
import { useCatalog } from '../../../stores/catalog.ts';
import { useVersionedForm, type VersionedFormSpec } from '../../../ui/form/useVersionedForm.ts';
import {
  EMPTY_FORM,
  formFromProduct,
  issuesByField,
  parseForm,
  patchFrom,
  rebase,
  type FieldIssues,
  type FieldName,
  type FormValues,
} from './form.ts';

function useLatestProduct(id: number | undefined): Product | undefined {
  return useCatalog((s) => (id === undefined ? undefined : s.items.find((p) => p.id === id)));
}

const PRODUCT_FORM: VersionedFormSpec<Product, FormValues, FieldName, ProductInput, FieldIssues> = {
  emptyForm: () => EMPTY_FORM,
  formFrom: formFromProduct,
  parseForm,
  patchFrom: (input, _values, base) => patchFrom(input, base),
  rebase,
  issuesByField,
  useLatest: useLatestProduct,
  apply: (product) => useCatalog.getState().applyProduct(product),
  create: (input) => studio.call('catalog.create', { input }),
  update: (base, patch) => studio.call('catalog.update', { id: base.id, expectedVersion: base.version, patch }),
  texts: {
    reapplied: 'editor.reapplied',
    fixFields: 'editor.fixFields',
    nothingChanged: 'editor.nothingChanged',
    created: (t, saved) => t('product.created', { title: saved.title }),
    saved: (t, saved) => t('product.saved', { title: saved.title }),
  },
};

export function useProductForm(product: Product | null, onDone: () => void) {
  return useVersionedForm(PRODUCT_FORM, product, onDone);
}

export type ProductForm = ReturnType<typeof useProductForm>;
