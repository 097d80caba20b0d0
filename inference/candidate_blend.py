"""What a blending candidates model (card ``blend_with``) averages its probability map with: the lesion model's own
map of its class, or the map of one of that model's member networks (``blend_member``), mapped so the partner's cut
falls on the classifier's (``blend_levels``). The one rule the pipeline and `train candidates` follow."""
from __future__ import annotations

import numpy as np

from inference.lesion_sources import candidate_class
from inference.model_card import ModelCard
from inference.segmentation import SegmentationResult
from inference.stored_maps import BoxedMap


def blend_partner(card: ModelCard, segmented: SegmentationResult) -> SegmentationResult | None:
    """The result whose map ``card`` averages with: ``segmented`` (the lesion model ``blend_with`` names), or its
    member ``blend_member`` where that member ran on the photo and has the class; None: not on this photo."""
    if not card.blend_member:
        return segmented
    member = segmented.members.get(card.blend_member)
    return member if member is not None and candidate_class(card).name in member.card.classes else None


def partner_probability(card: ModelCard, partner: SegmentationResult) -> np.ndarray:
    """The partner's full-size map of ``card``'s class, on the classifier's scale (``blend_levels``)."""
    return partner.probability(candidate_class(card).name, card.blend_levels)


def partner_boxed(card: ModelCard, partner: SegmentationResult) -> BoxedMap:
    """``partner_probability`` at the partner's model resolution, for a case to keep."""
    return partner.boxed(candidate_class(card).name, card.blend_levels)


def blended(found: np.ndarray, partner: np.ndarray) -> np.ndarray:
    """The map a blending candidates model's threshold cuts: the mean of its own ``found`` and its partner's, made
    in ``found`` (a 12 MP photo's map is 49 MB: no temporaries)."""
    found += partner
    found *= 0.5
    return found
